import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findGc } from '@provisionkit/bench-kit';
import { benchConnections } from './connections-bench.js';
import { benchCreateUsers } from './create-users-bench.js';
import { benchListClients } from './list-clients-bench.js';
import type { BenchSection } from './result-table.js';
import { SimulatorHost } from './simulator-host.js';
import { benchThrottle } from './throttle-bench.js';

export type SectionName = 'create' | 'list' | 'throttle' | 'connections';
export const SECTION_NAMES: readonly SectionName[] = ['create', 'list', 'throttle', 'connections'];

const SECTIONS: Record<
  SectionName,
  (host: SimulatorHost | undefined, gc: (() => void) | undefined) => Promise<BenchSection>
> = {
  create: (host, gc) => benchCreateUsers(host!, gc),
  list: (host) => benchListClients(host!),
  throttle: (host) => benchThrottle(host!),
  // Opening connections sends nothing: no simulator.
  connections: (_host, gc) => benchConnections(gc),
};

/**
 * Runs one section in a fresh Node process. Heap growth counts garbage not yet collected, and how
 * much V8 lets pile up depends on what the process did before (its heap limits grow with use), so
 * each section starts from the same clean state rather than from the previous section's.
 */
export function runSectionInChild(name: SectionName): Promise<BenchSection> {
  const entry = fileURLToPath(import.meta.url);
  const execArgv = process.execArgv.filter((flag) => !flag.startsWith('--inspect'));
  const child = fork(entry, [name], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    let section: BenchSection | undefined;
    child.on('message', (message: BenchSection) => {
      section = message;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (section !== undefined) resolve(section);
      else reject(new Error(`the ${name} section exited with ${code} before reporting`));
    });
  });
}

async function runHere(name: SectionName): Promise<void> {
  const host = name === 'connections' ? undefined : await SimulatorHost.start();
  try {
    const section = await SECTIONS[name](host, findGc());
    await new Promise<void>((resolve, reject) =>
      process.send?.(section, (error: Error | null) => (error ? reject(error) : resolve())),
    );
  } finally {
    await host?.close();
  }
}

const requested = process.argv[2];
if (process.send !== undefined && SECTION_NAMES.includes(requested as SectionName)) {
  runHere(requested as SectionName).catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 2;
  });
}
