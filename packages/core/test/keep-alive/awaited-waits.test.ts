import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const FIXTURE = fileURLToPath(new URL('./awaited-waits.fixture.ts', import.meta.url));
const TSCONFIG = fileURLToPath(new URL('../../../../tsconfig.json', import.meta.url));

function runAlone(which: string): { status: number | null; stdout: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', FIXTURE, which], {
    encoding: 'utf8',
    env: { ...process.env, TSX_TSCONFIG_PATH: TSCONFIG },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout };
}

// A command line tool's process has nothing else to keep it open while a request waits for its
// turn: a wait an operation awaits must hold the process, or the tool exits mid-operation.
describe('waits an operation awaits, in a process with nothing else to do', () => {
  it.each(['http-sleep', 'limiter-pace', 'quarantine-pace'])(
    '%s holds the process until it ends',
    (which) => {
      expect(runAlone(which)).toEqual({ status: 0, stdout: `${which} done\n` });
    },
  );

  it('a monitor round does not hold the process by itself', () => {
    expect(runAlone('monitor-round')).toMatchObject({ status: 13, stdout: '' });
  });
});
