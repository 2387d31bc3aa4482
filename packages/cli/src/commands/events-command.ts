import { setTimeout as sleep } from 'node:timers/promises';
import type { ProvisionEvent } from '@provisionkit/core';
import { printable } from '@provisionkit/core';
import { type Command, Option } from 'commander';
import { CliError } from '../cli-errors.js';
import type { CommandContext } from '../run-cli.js';
import { positiveInt } from './option-parsers.js';

const PAGE = 500;

export function registerEvents(program: Command, { session }: CommandContext): void {
  const events = program.command('events').description('the event log');
  events
    .command('tail')
    .description('print events after a cursor; --follow keeps printing new ones')
    .addOption(new Option('-c, --connection <name>', "one connection's events").conflicts('tenant'))
    .option('--tenant <tenant>', 'every event of a tenant')
    .option('--after <cursor>', 'start after this cursor (default: the oldest event kept)')
    .option('-f, --follow', 'keep polling for new events until interrupted')
    .option('--interval <ms>', 'polling interval with --follow', positiveInt, 1000)
    .option('--json', 'one JSON event per line (JSON Lines)')
    .action(async (options) => {
      const kit = await session.kit();
      const scope = scopeOf(options.connection, options.tenant);
      let cursor: string | undefined = options.after;
      const signal = session.io.signal;
      for (;;) {
        const page = await kit.listEvents({
          ...scope,
          ...(cursor === undefined ? {} : { after: cursor }),
          limit: PAGE,
        });
        for (const event of page.events)
          session.out.line(options.json ? JSON.stringify(event) : describe(event));
        cursor = page.next;
        if (page.events.length === PAGE) continue;
        if (!options.follow || signal?.aborted) break;
        try {
          await sleep(options.interval, undefined, signal === undefined ? {} : { signal });
        } catch {
          break; // interrupted: a normal end of --follow
        }
      }
      session.err.line(`cursor ${cursor ?? '0'} (continue with --after ${cursor ?? '0'})`);
    });

  function scopeOf(
    connection: string | undefined,
    tenant: string | undefined,
  ): { tenant: string; provider?: string } {
    if (connection !== undefined) {
      const entry = session.entry(connection);
      return { tenant: entry.tenant, provider: entry.provider };
    }
    if (tenant !== undefined) return { tenant };
    const tenants = [...new Set(Object.values(session.config().connections).map((entry) => entry.tenant))];
    if (tenants.length === 1) return { tenant: tenants[0]! };
    throw new CliError('Name a connection (-c) or a tenant (--tenant): the log is read per tenant', [
      { path: '--tenant', message: 'is required when several tenants are configured' },
    ]);
  }
}

/** One line per event: cursor, time, connection, type and what it says. */
export function describe(event: ProvisionEvent): string {
  const head = `#${event.cursor} ${event.time} ${event.tenant}/${event.provider} ${event.type}`;
  switch (event.type) {
    case 'user.created':
    case 'user.deleted':
      return printable(`${head} ${event.data.user.userName} (${event.source})`);
    case 'user.updated':
      return printable(
        `${head} ${event.data.user.userName} ${event.data.changes.map((change) => change.field).join(',')} (${event.source})`,
      );
    case 'sync.completed':
    case 'sync.held':
    case 'sync.failed': {
      const { counts } = event.data;
      return `${head} ${event.runId} ${counts.created} created, ${counts.updated} updated, ${counts.deleted} deleted`;
    }
    default:
      return head;
  }
}
