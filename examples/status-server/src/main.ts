// Serves the status of a kit's connections as JSON on 127.0.0.1 (PORT, default 8787) until
// Ctrl-C: then the server stops, the kit closes its connections and the process ends by itself.
import 'reflect-metadata';
import { createLogger } from '@provisionkit/core';
import { type DemoKit, openDemoKit } from './demo-kit.js';
import { type StatusServer, startStatusServer } from './status-server.js';

let stopping: string | undefined;
let demo: DemoKit | undefined;
let server: StatusServer | undefined;

async function close(): Promise<void> {
  await server?.close();
  await demo?.close();
}

// Listening from the start: a Ctrl-C while the kit opens closes what was opened, once. Ctrl-C
// under a package manager arrives more than once (the terminal signals the whole process group and
// the manager forwards its own copy), so later signals are ignored.
function onSignal(signal: NodeJS.Signals): void {
  if (stopping !== undefined) return;
  stopping = signal;
  console.log(`${signal}: closing`);
  close().catch(fail);
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`PORT must be a port number (0 to 65535), not ${JSON.stringify(process.env.PORT)}`);
  }
  // Operation logs go to stderr as JSON lines (LOG_LEVEL=info to see them).
  const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'error', destination: process.stderr });
  demo = await openDemoKit({ logger });
  if (stopping !== undefined) return close();
  server = await startStatusServer(demo.kit, { port });
  if (stopping !== undefined) return close();
  console.log(`status server listening on ${server.url}`);
  console.log(`  curl ${server.url}/status`);
  console.log(`  curl ${server.url}/status/globex`);
}

function fail(error: unknown): void {
  // Errors from provisionkit serialize to { code, message, provider, ... } without secrets or stacks.
  console.error(error instanceof Error && !('code' in error) ? error.message : JSON.stringify(error));
  process.exitCode = 1;
  close().catch(() => undefined);
}

main().catch(fail);
