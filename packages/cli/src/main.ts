// The `provisionkit` command's process: wires the real streams, environment and Ctrl+C to runCli.
import { EXIT_CODES } from './exit-codes.js';
import { runCli } from './run-cli.js';

const controller = new AbortController();
let interrupts = 0;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    interrupts += 1;
    // The first stops work cleanly (an apply journals what it sent); a second one leaves at once.
    if (interrupts > 1) process.exit(130);
    controller.abort(new Error(`interrupted by ${signal}`));
  });
}

for (const stream of [process.stdout, process.stderr]) {
  // Nothing more can be shown once an output is gone (EPIPE when a reader such as `head` closes
  // the pipe early): stop at once, without the stack Node would print for the unhandled error.
  stream.on('error', (error: NodeJS.ErrnoException) => {
    process.exit(error.code === 'EPIPE' ? EXIT_CODES.outputClosed : EXIT_CODES.error);
  });
}

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
});
process.exitCode = code;
