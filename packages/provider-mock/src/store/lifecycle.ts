import type { UserRecord } from './user-record.js';

/** active/invited → suspended, remembering the status to restore. No-op when already suspended. */
export function suspend(record: UserRecord): void {
  if (record.status === 'suspended') return;
  record.statusBeforeSuspend = record.status;
  record.status = 'suspended';
}

/** suspended → the status it had before. No-op for users who are not suspended (active or invited). */
export function reactivate(record: UserRecord): void {
  if (record.status !== 'suspended') return;
  record.status = record.statusBeforeSuspend ?? 'active';
  delete record.statusBeforeSuspend;
}
