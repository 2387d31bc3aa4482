import type { UserRecord } from './user-record.js';

/** active/invited → suspended, remembering the status to restore. No-op when already suspended. Returns whether it changed. */
export function suspend(record: UserRecord): boolean {
  if (record.status === 'suspended') return false;
  record.statusBeforeSuspend = record.status;
  record.status = 'suspended';
  return true;
}

/** suspended → the status it had before. No-op for users who are not suspended (active or invited). Returns whether it changed. */
export function reactivate(record: UserRecord): boolean {
  if (record.status !== 'suspended') return false;
  record.status = record.statusBeforeSuspend ?? 'active';
  delete record.statusBeforeSuspend;
  return true;
}
