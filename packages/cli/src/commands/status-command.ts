import { formatTable } from '@provisionkit/core';
import type { Command } from 'commander';
import { EXIT_CODES } from '../exit-codes.js';
import type { CommandContext } from '../run-cli.js';
import { collect } from './option-parsers.js';

/**
 * A per-connection view from what the store remembers and a credential check: enough to see at a
 * glance what works, what waits for a person, and when each directory was last compared.
 */
export function registerStatus(program: Command, { session, exit }: CommandContext): void {
  program
    .command('status')
    .description('each connection: credentials, users in the snapshot, last sync, held runs')
    .option('-c, --connection <name>', 'a connection (default: all); repeatable', collect)
    .option('--json', 'machine-readable output')
    .action(async (options) => {
      const kit = await session.kit();
      const store = await session.store();
      const rows = [];
      for (const name of session.names(options.connection)) {
        const entry = session.entry(name);
        const key = { tenant: entry.tenant, provider: entry.provider };
        let credentials: { status: string; message?: string | undefined };
        try {
          const { connection } = await session.connect(name);
          credentials = await connection.directory.verifyCredentials();
        } catch (error) {
          credentials = {
            status: 'unusable',
            message: error instanceof Error ? error.message : String(error),
          };
        }
        const [lastSync] = await kit.listSyncRuns({ ...key, limit: 1 });
        const [held] = await kit.listSyncRuns({ ...key, status: 'held', limit: 1 });
        rows.push({
          name,
          tenant: entry.tenant,
          provider: entry.provider,
          credentials,
          snapshotUsers: await store.countSnapshotRows(key),
          lastSync: lastSync ?? null,
          heldSync: held ?? null,
        });
      }
      if (options.json) session.out.json({ connections: rows });
      else {
        const lines = formatTable({
          header: ['NAME', 'CONNECTION', 'CREDENTIALS', 'SNAPSHOT', 'LAST SYNC', 'WAITING'],
          rows: rows.map((row) => [
            row.name,
            `${row.tenant}/${row.provider}`,
            row.credentials.status,
            `${row.snapshotUsers} users`,
            row.lastSync === null
              ? 'never'
              : `${row.lastSync.status} ${row.lastSync.finishedAt ?? row.lastSync.startedAt}`,
            row.heldSync === null ? '' : `held ${row.heldSync.id}`,
          ]),
          maxWidth: 80,
        });
        for (const line of lines) session.out.line(line);
        for (const row of rows)
          if (row.credentials.status !== 'valid' && row.credentials.message !== undefined)
            session.out.line(`${row.name}: ${row.credentials.message}`);
      }
      if (rows.some((row) => row.credentials.status !== 'valid')) exit(EXIT_CODES.error);
      else if (rows.some((row) => row.heldSync !== null)) exit(EXIT_CODES.held);
    });
}
