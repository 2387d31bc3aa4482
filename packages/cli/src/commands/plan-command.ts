import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { formatPlan, type ReconcilePlan, ReconcilePolicy, readDesiredUsers } from '@provisionkit/core';
import { type Command, Option } from 'commander';
import { CliError } from '../cli-errors.js';
import { parseCli } from '../cli-parse.js';
import { EXIT_CODES } from '../exit-codes.js';
import { ListingProgress } from '../output/progress.js';
import type { CommandContext } from '../run-cli.js';
import { collect } from './option-parsers.js';

/** Desired files larger than this are refused before reading. */
export const MAX_DESIRED_BYTES = 512 * 1024 * 1024;

export function registerPlan(program: Command, { session, exit }: CommandContext): void {
  program
    .command('plan')
    .description('compare a desired list of users with each directory and print what would change')
    .requiredOption('--desired <file>', 'the desired users: CSV (header row) or JSON Lines')
    .option('-c, --connection <name>', 'a connection to plan for (default: all); repeatable', collect)
    .option('--out <file>', 'save the plan as JSON, to review and apply later')
    .option('--detailed-exitcode', 'exit 0 when there are no changes, 2 when there are (1 on error)')
    .addOption(
      new Option('--format <format>', 'the desired file format (default: from its extension)').choices([
        'csv',
        'jsonl',
      ]),
    )
    .addOption(
      new Option('--match <field>', 'match desired rows to accounts on')
        .choices(['userName', 'externalId'])
        .default('userName'),
    )
    .addOption(
      new Option('--unmatched <policy>', 'what to do with accounts not in the desired list')
        .choices(['ignore', 'suspend', 'remove', 'purge'])
        .default('ignore'),
    )
    .option('--no-reactivate', 'leave suspended users suspended even when desired again')
    .addOption(
      new Option('--groups <policy>', 'group membership of rows that state groups')
        .choices(['exact', 'add', 'ignore'])
        .default('exact'),
    )
    .option('--keep <userName>', 'never touch this account; repeatable', collect)
    .option('--rows <n>', 'action rows shown per connection', (value) => Number(value), 50)
    .option('--json', 'print the plan as JSON instead of the table')
    .action(async (options) => {
      const policy = parseCli(
        ReconcilePolicy,
        {
          match: options.match,
          unmatched: options.unmatched,
          reactivate: options.reactivate,
          groups: options.groups,
          keep: options.keep ?? [],
        },
        'policy',
      );
      const path = resolve(session.io.cwd, options.desired);
      const desired = readDesiredUsers(readDesired(path), {
        ...(options.format === undefined ? formatOf(path) : { format: options.format }),
      });
      const opened = [];
      for (const name of session.names(options.connection)) opened.push(await session.connect(name));
      const kit = await session.kit();
      const progress = new ListingProgress(session.err, 'plan', options.json !== true);
      let plan: ReconcilePlan;
      try {
        plan = await kit.plan({
          desired,
          connections: opened.map((open) => open.connection),
          policy,
          ...(session.io.signal === undefined ? {} : { signal: session.io.signal }),
          onProgress: (listed) => progress.update(listed),
        });
      } finally {
        progress.stop();
      }
      if (options.out !== undefined)
        writeFileSync(resolve(session.io.cwd, options.out), `${JSON.stringify(plan, null, 2)}\n`);
      if (options.json) session.out.json(plan);
      else {
        session.out.line(
          formatPlan(plan, {
            maxRows: Number.isInteger(options.rows) && options.rows >= 0 ? options.rows : 50,
          }),
        );
        if (options.out !== undefined)
          session.out.line(`Saved to ${options.out}: apply it with provisionkit apply ${options.out}`);
      }
      const changes = plan.connections.some((connection) => connection.actions.length > 0);
      if (options.detailedExitcode && changes) exit(EXIT_CODES.changes);
    });
}

function readDesired(path: string): Buffer {
  if (!existsSync(path))
    throw new CliError(`No such file: ${path}`, [{ path: '--desired', message: 'does not exist' }]);
  const size = statSync(path).size;
  if (size > MAX_DESIRED_BYTES)
    throw new CliError(`${path} is larger than 512 MiB`, [{ path: '--desired', message: 'is too large' }]);
  return readFileSync(path);
}

function formatOf(path: string): { format?: 'csv' | 'jsonl' } {
  const extension = extname(path).toLowerCase();
  if (extension === '.csv') return { format: 'csv' };
  if (extension === '.jsonl' || extension === '.ndjson') return { format: 'jsonl' };
  return {};
}
