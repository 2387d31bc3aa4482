import { guardLimitText, type SyncRun } from '@provisionkit/core';
import { type Command, Option } from 'commander';
import { EXIT_CODES } from '../exit-codes.js';
import { ListingProgress } from '../output/progress.js';
import type { CommandContext } from '../run-cli.js';
import { collect } from './option-parsers.js';

export function registerSync(program: Command, { session, exit }: CommandContext): void {
  program
    .command('sync')
    .description('detect what changed in each directory and log it as events; approve or reject held runs')
    .option('-c, --connection <name>', 'a connection to sync (default: all); repeatable', collect)
    .addOption(
      new Option('--mode <mode>', 'full compares every user; changes asks only for recent ones')
        .choices(['auto', 'full', 'changes'])
        .default('auto'),
    )
    .addOption(
      new Option('--approve <runId>', 'commit a run the mass-change guard holds').conflicts([
        'reject',
        'connection',
      ]),
    )
    .addOption(
      new Option('--reject <runId>', 'discard a run the mass-change guard holds').conflicts(['connection']),
    )
    .option('--json', 'machine-readable output')
    .action(async (options) => {
      const kit = await session.kit();
      const runs: { connection?: string; run: SyncRun }[] = [];
      if (options.approve !== undefined) runs.push({ run: await kit.approveSync(options.approve) });
      else if (options.reject !== undefined) runs.push({ run: await kit.rejectSync(options.reject) });
      else {
        for (const name of session.names(options.connection)) {
          const { connection } = await session.connect(name);
          // Drawn on a terminal only: a pipe, a log file and --json output get the result lines alone.
          const progress = new ListingProgress(session.err, 'sync', options.json !== true);
          let run: SyncRun;
          try {
            run = await kit.sync(connection, {
              mode: options.mode,
              ...(session.io.signal === undefined ? {} : { signal: session.io.signal }),
              onProgress: (listed) => progress.update(listed),
            });
          } finally {
            progress.stop();
          }
          runs.push({ connection: name, run });
          if (!options.json) await print(name, run);
        }
      }
      if (options.json)
        session.out.json({
          runs: runs.map(({ connection, run }) => ({
            ...(connection === undefined ? {} : { connection }),
            ...run,
          })),
        });
      else if (options.approve !== undefined || options.reject !== undefined)
        await print(undefined, runs[0]!.run);
      const statuses = runs.map(({ run }) => run.status);
      const failed = statuses.filter((status) => status === 'failed').length;
      if (failed > 0) exit(failed === statuses.length ? EXIT_CODES.error : EXIT_CODES.partial);
      else if (statuses.includes('held')) exit(EXIT_CODES.held);
    });

  async function print(name: string | undefined, run: SyncRun): Promise<void> {
    const label = name ?? `${run.tenant}/${run.provider}`;
    const { counts } = run;
    const summary = `${counts.enumerated} listed, ${counts.created} created, ${counts.updated} updated, ${counts.deleted} deleted`;
    if (run.status === 'completed') session.out.line(`${label}: completed (${summary}) ${run.id}`);
    else if (run.status === 'rejected') session.out.line(`${label}: rejected: nothing committed ${run.id}`);
    else if (run.status === 'failed')
      session.out.line(
        `${label}: failed (${run.reason}${run.error === undefined ? '' : `: ${run.error.code}: ${run.error.message}`}): nothing committed ${run.id}`,
      );
    else {
      session.out.line(
        `${label}: HELD by the mass-change guard: ${run.guard?.changes} deletions or suspensions, limit ${run.guard === undefined ? '?' : guardLimitText(run.guard.limit)} (${summary})`,
      );
      const kit = await session.kit();
      const page = await kit.listSyncChanges(run.id, { limit: 10 });
      for (const change of page.changes)
        session.out.line(
          `  ${change.kind} ${'user' in change ? change.user.userName : `id ${change.userId}`}`,
        );
      if (page.next !== undefined) session.out.line('  …');
      session.out.line(`  approve: provisionkit sync --approve ${run.id}`);
      session.out.line(`  reject:  provisionkit sync --reject ${run.id}`);
    }
  }
}
