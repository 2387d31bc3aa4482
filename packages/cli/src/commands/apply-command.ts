import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type ApplyResult, guardLimitText } from '@provisionkit/core';
import type { Command } from 'commander';
import { CliError } from '../cli-errors.js';
import { EXIT_CODES, type ExitCode } from '../exit-codes.js';
import { ProgressBar } from '../output/progress.js';
import type { CommandContext } from '../run-cli.js';
import { positiveInt } from './option-parsers.js';

const MAX_PLAN_BYTES = 1024 * 1024 * 1024;

export function registerApply(program: Command, { session, exit }: CommandContext): void {
  program
    .command('apply <plan>')
    .description('apply a saved plan exactly as planned; run it again to finish an interrupted apply')
    .option('--dry-run', 'check the plan (staleness, the guard, the journal) and write nothing')
    .option('--approve-mass-change', 'apply a plan the mass-change guard holds')
    .option('--concurrency <n>', 'calls in flight at once', positiveInt, 4)
    .option('--batch-size <n>', 'users per batch create', positiveInt)
    .option('--json', 'machine-readable output (no progress bar)')
    .action(async (file: string, options) => {
      const plan = readPlan(resolve(session.io.cwd, file));
      const connections = [];
      for (const target of plan.connections ?? []) {
        const name = session.nameFor(String(target?.tenant), String(target?.provider));
        connections.push((await session.connect(name)).connection);
      }
      const kit = await session.kit();
      const bar = new ProgressBar(session.err, 'apply', options.json !== true && options.dryRun !== true);
      let result: ApplyResult;
      try {
        result = await kit.apply(plan as never, {
          connections,
          concurrency: options.concurrency,
          ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
          dryRun: options.dryRun === true,
          approveMassChange: options.approveMassChange === true,
          ...(session.io.signal === undefined ? {} : { signal: session.io.signal }),
          onProgress: (progress) => bar.update(progress),
        });
      } finally {
        bar.stop();
      }
      if (options.json) session.out.json(result);
      else print(result);
      exit(exitCode(result));
    });

  function print(result: ApplyResult): void {
    const { out } = session;
    const verb: Record<ApplyResult['status'], string> = {
      applied: 'applied',
      partial: 'applied in part',
      held: 'HELD by the mass-change guard: nothing was written',
      interrupted: 'interrupted',
      dry_run: 'dry run: nothing was written',
    };
    out.line(
      `Plan ${result.planId}: ${verb[result.status]}${result.alreadyApplied ? ' (already, earlier: nothing done now)' : ''}${result.resumed ? ' (resumed an interrupted apply)' : ''}`,
    );
    for (const connection of result.connections) {
      out.line(
        `  ${connection.tenant}/${connection.provider}: ${connection.done} done, ${connection.failed} failed, ${connection.pending} ${result.status === 'dry_run' ? 'to send' : 'pending'} of ${connection.total}`,
      );
      if (connection.guard.hold)
        out.line(
          `    guard: ${connection.guard.changes} suspensions and removals, limit ${guardLimitText(connection.guard.limit)}`,
        );
    }
    for (const failure of result.failures.slice(0, 20))
      out.line(
        `  failed: ${failure.kind} ${failure.userName}: ${failure.error.code}: ${failure.error.message}`,
      );
    if (result.failures.length > 20) out.line(`  … ${result.failed - 20} more failures (--json lists them)`);
    if (result.status === 'held') out.line('  approve with: provisionkit apply <plan> --approve-mass-change');
    if (result.status === 'interrupted')
      out.line(
        `  stopped by ${result.error?.code}: ${result.error?.message}; run the same apply again to finish`,
      );
    out.line(`  ${result.durationMs} ms`);
  }
}

function exitCode(result: ApplyResult): ExitCode {
  switch (result.status) {
    case 'applied':
    case 'dry_run':
      return EXIT_CODES.ok;
    case 'partial':
      return EXIT_CODES.partial;
    case 'held':
      return EXIT_CODES.held;
    case 'interrupted':
      return EXIT_CODES.error;
  }
}

/** The plan file as JSON; `kit.apply` validates every field and the digest. */
function readPlan(path: string): { connections?: { tenant?: unknown; provider?: unknown }[] } {
  if (!existsSync(path))
    throw new CliError(`No such file: ${path}`, [{ path: 'plan', message: 'does not exist' }]);
  const text = readFileSync(path, 'utf8');
  if (text.length > MAX_PLAN_BYTES)
    throw new CliError(`${path} is too large`, [{ path: 'plan', message: 'is too large' }]);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CliError(`${path} is not valid JSON: save plans with plan --out`, [
      { path: 'plan', message: 'is not valid JSON' },
    ]);
  }
  if (
    typeof value !== 'object' ||
    value === null ||
    !Array.isArray((value as { connections?: unknown }).connections)
  )
    throw new CliError(`${path} is not a plan: save plans with plan --out`, [
      { path: 'plan', message: 'is not a plan' },
    ]);
  return value as { connections: { tenant?: unknown; provider?: unknown }[] };
}
