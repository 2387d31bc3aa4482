import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * Identifies the process running a sync (`host:pid:token`), so a later run can tell a crashed
 * owner from a live one without waiting for its lease to run out.
 */
export function newOwner(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/**
 * False only when the owner ran on this host and its process is gone. An owner on another host is
 * presumed alive: its lease decides.
 */
export function isOwnerAlive(owner: string): boolean {
  const [host, pid] = owner.split(':');
  if (host !== hostname() || pid === undefined || !/^[0-9]+$/.test(pid)) return true;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
