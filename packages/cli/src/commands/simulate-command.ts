import { startLastPassSimulator } from '@provisionkit/provider-lastpass/testing';
import type { Command } from 'commander';
import { CliError } from '../cli-errors.js';
import type { CommandContext } from '../run-cli.js';
import { nonNegativeInt } from './option-parsers.js';

/** Where `simulate lastpass` reads a fixed provisioning hash from, instead of making a random one. */
export const SIMULATOR_PROVHASH_ENV = 'PROVISIONKIT_SIMULATOR_PROVHASH';

export function registerSimulate(program: Command, { session }: CommandContext): void {
  const simulate = program
    .command('simulate')
    .description('local stand-ins of providers, for trying things out');
  simulate
    .command('lastpass')
    .description('start the LastPass simulator on 127.0.0.1 with demo users, and print how to connect')
    .option('--port <port>', 'port (default: a free one)', nonNegativeInt, 0)
    .option('--users <n>', 'demo users to seed', nonNegativeInt, 300)
    .option('--seed <n>', 'seed of the demo data', nonNegativeInt, 1)
    .option('--name <name>', 'the connection name the printed commands use', 'demo-lastpass')
    .option('--tenant <tenant>', 'the tenant the printed commands use', 'demo')
    .option('--json', 'print the address and cid as JSON')
    .action(async (options) => {
      const signal = session.io.signal;
      if (signal === undefined) throw new CliError('simulate needs an interruptible terminal', []);
      const provhash = session.io.env[SIMULATOR_PROVHASH_ENV];
      const simulator = await startLastPassSimulator({
        port: options.port,
        seed: { users: options.users, random: options.seed },
        ...(provhash === undefined || provhash === '' ? {} : { provhash }),
      });
      try {
        const { cid } = simulator.credentials;
        const variable = `${options.tenant.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_LASTPASS_PROVHASH`;
        if (options.json)
          session.out.json({
            url: simulator.url,
            cid,
            users: simulator.state.userCount,
            provhashEnv: variable,
          });
        else {
          // The simulator's own throwaway hash: printing it (once, here) is how a person connects to it.
          session.io.stdout.write(
            [
              `LastPass simulator listening on ${simulator.url} (${simulator.state.userCount} demo users)`,
              'Connect to it from another shell:',
              `  export ${variable}=${simulator.credentials.provhash}`,
              `  provisionkit connections add ${options.name} --provider lastpass --tenant ${options.tenant} --set cid=${cid} --set baseUrl=${simulator.url} --env provhash=${variable}`,
              `  provisionkit connections test ${options.name}`,
              `  provisionkit users list -c ${options.name}`,
              'Ctrl+C to stop.',
              '',
            ].join('\n'),
          );
        }
        await new Promise<void>((resolve) => {
          if (signal.aborted) resolve();
          else signal.addEventListener('abort', () => resolve(), { once: true });
        });
      } finally {
        await simulator.close();
      }
    });
}
