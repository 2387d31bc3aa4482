export { CliError, describeError, exitCodeOf } from './cli-errors.js';
export type { CliIo, OutputStream } from './cli-io.js';
export { CliConfig, ConnectionEntry, EnvReference } from './config/config-schema.js';
export { EXIT_CODES, type ExitCode } from './exit-codes.js';
export { runCli } from './run-cli.js';
