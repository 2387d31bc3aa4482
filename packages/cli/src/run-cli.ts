import { Command, CommanderError } from 'commander';
import { describeError, exitCodeOf } from './cli-errors.js';
import type { CliIo } from './cli-io.js';
import { registerApply } from './commands/apply-command.js';
import { registerConnections } from './commands/connections-command.js';
import { registerEvents } from './commands/events-command.js';
import { registerPlan } from './commands/plan-command.js';
import { registerSimulate } from './commands/simulate-command.js';
import { registerStatus } from './commands/status-command.js';
import { registerSync } from './commands/sync-command.js';
import { registerUsers } from './commands/users-command.js';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';
import { Session } from './session.js';

/** Where a command's action reports its exit code. */
export interface CommandContext {
  readonly session: Session;
  exit(code: ExitCode): void;
}

const VERSION = '0.1.0';

/**
 * Runs `provisionkit` with `argv` (without the node and script paths) and returns its exit code.
 * Never calls `process.exit`, so tests and the demo run it in-process.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const session = new Session(io);
  let code: ExitCode = EXIT_CODES.ok;
  const context: CommandContext = {
    session,
    exit(next) {
      code = next;
    },
  };
  const program = new Command('provisionkit')
    .description('Manage user accounts in SaaS directories: connections, users, sync, plan and apply.')
    .version(VERSION)
    .option('--config <file>', 'configuration file (default: $PROVISIONKIT_CONFIG or ./provisionkit.json)')
    .option('--verbose', 'log each operation to stderr, and show stacks on errors (never secrets)')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (text) => session.out.write(text),
      writeErr: (text) => session.err.write(text),
    })
    .exitOverride()
    .hook('preAction', (command) => session.setOptions(command.optsWithGlobals()));
  registerConnections(program, context);
  registerUsers(program, context);
  registerSync(program, context);
  registerPlan(program, context);
  registerApply(program, context);
  registerStatus(program, context);
  registerEvents(program, context);
  registerSimulate(program, context);
  for (const command of program.commands) inherit(command);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are answers, not failures; usage errors were already printed by commander.
      return error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.error;
    }
    session.err.line(describeError(error, session.verbose, session.secrets));
    code = exitCodeOf(error);
  } finally {
    await session.close();
  }
  return code;
}

/** Subcommands report usage errors like the program does, instead of exiting the process. */
function inherit(command: Command): void {
  command.exitOverride().showHelpAfterError('(run with --help for usage)');
  for (const sub of command.commands) inherit(sub);
}
