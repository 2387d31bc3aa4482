import { formatTable, secretValuesOf } from '@provisionkit/core';
import { type Command, Option } from 'commander';
import { z } from 'zod';
import { CliError } from '../cli-errors.js';
import { parseCli } from '../cli-parse.js';
import { ConnectionEntry, ConnectionName } from '../config/config-schema.js';
import { displayConfig, resolveConfig, withoutEnvReferences } from '../config/resolve-config.js';
import { EXIT_CODES } from '../exit-codes.js';
import type { CommandContext } from '../run-cli.js';
import { collect, keyValue, nonNegativeInt } from './option-parsers.js';

const EnvBinding = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9]*=[A-Za-z_][A-Za-z0-9_]*$/, 'expected field=ENV_VAR');

export function registerConnections(program: Command, { session, exit }: CommandContext): void {
  const connections = program.command('connections').description('named connections to directories');

  connections
    .command('add <name>')
    .description('add (or replace) a named connection in the configuration file')
    .requiredOption('--provider <id>', 'provider id (lastpass, mock)')
    .requiredOption('--tenant <tenant>', 'the customer this connection acts for')
    .option('--set <key=value>', 'a config field (JSON values allowed); repeatable', keyValue)
    .option(
      '--env <key=VAR>',
      'a config field read from an environment variable at run time; repeatable',
      collect,
    )
    .option(
      '--mass-change-max-users <n>',
      'mass-change guard: most suspensions and removals at once',
      nonNegativeInt,
    )
    .addOption(
      new Option(
        '--mass-change-max-share <share>',
        'mass-change guard: largest share (0-1) of users',
      ).argParser(Number),
    )
    .action((rawName: string, options) => {
      const name = parseCli(ConnectionName, rawName, 'name');
      const plugin = session.plugin(options.provider);
      const config: Record<string, unknown> = {};
      for (const [key, value] of (options.set ?? []) as [string, unknown][]) config[key] = value;
      for (const binding of (options.env ?? []) as string[]) {
        const [key, variable] = parseCli(EnvBinding, binding, '--env').split('=') as [string, string];
        config[key] = { env: variable };
      }
      const massChange =
        options.massChangeMaxUsers === undefined && options.massChangeMaxShare === undefined
          ? undefined
          : {
              ...(options.massChangeMaxUsers === undefined ? {} : { maxUsers: options.massChangeMaxUsers }),
              ...(options.massChangeMaxShare === undefined ? {} : { maxShare: options.massChangeMaxShare }),
            };
      const entry = parseCli(
        ConnectionEntry,
        {
          provider: plugin.id,
          tenant: options.tenant,
          config,
          ...(massChange === undefined ? {} : { massChange }),
        },
        'connection',
      );
      // Checked now when every variable is set; otherwise when the connection is used.
      let resolved: Record<string, unknown> | undefined;
      try {
        resolved = resolveConfig(entry.config, session.io.env, 'config').config;
      } catch {
        session.err.line(`note: an environment variable is not set now: ${name} is checked when it is used`);
      }
      if (resolved !== undefined) {
        const checked = plugin.configSchema.safeParse(resolved);
        if (!checked.success) {
          const first = checked.error.issues[0];
          throw new CliError(
            `Invalid ${plugin.id} config: ${first?.path.join('.') || '(root)'}: ${first?.message}`,
            [{ path: `config.${first?.path.join('.') ?? ''}`, message: first?.message ?? 'invalid' }],
          );
        }
        const literal = secretValuesOf(plugin.configSchema, withoutEnvReferences(entry.config));
        if (literal.length > 0)
          session.err.line(
            `note: a secret is stored in ${session.configPath} (mode 0600); --env keeps it out of the file`,
          );
      }
      const current = session.config();
      session.saveConfig({ ...current, connections: { ...current.connections, [name]: entry } });
      session.out.line(`${name}: ${entry.tenant}/${entry.provider} saved in ${session.configPath}`);
    });

  connections
    .command('list')
    .description('the configured connections (secrets never shown)')
    .option('--json', 'machine-readable output')
    .action((options) => {
      const config = session.config();
      const secrets = new Set(session.secrets);
      const rows = Object.entries(config.connections).map(([name, entry]) => ({
        name,
        provider: entry.provider,
        tenant: entry.tenant,
        config: displayConfig(entry.config, secrets),
        ...(entry.massChange === undefined ? {} : { massChange: entry.massChange }),
      }));
      if (options.json) {
        session.out.json({ configFile: session.configPath, connections: rows });
        return;
      }
      if (rows.length === 0) {
        session.out.line(`No connection in ${session.configPath}: add one with provisionkit connections add`);
        return;
      }
      const lines = formatTable({
        header: ['NAME', 'PROVIDER', 'TENANT', 'CONFIG'],
        rows: rows.map((row) => [row.name, row.provider, row.tenant, JSON.stringify(row.config)]),
        maxWidth: 80,
      });
      for (const line of lines) session.out.line(line);
    });

  connections
    .command('test [names...]')
    .description('check the credentials of connections (all when none is named)')
    .option('--json', 'machine-readable output')
    .action(async (names: string[], options) => {
      const results = [];
      for (const name of session.names(names)) {
        const { entry, connection } = await session.connect(name);
        const check = await connection.directory.verifyCredentials();
        results.push({ name, provider: entry.provider, tenant: entry.tenant, ...check });
      }
      if (options.json) session.out.json({ connections: results });
      else {
        const rows = results.map((result) => [
          result.name,
          `${result.tenant}/${result.provider}`,
          result.status,
          result.message ?? '',
        ]);
        for (const line of formatTable({
          header: ['NAME', 'CONNECTION', 'CREDENTIALS', 'DETAILS'],
          rows: rows,
          maxWidth: 80,
        }))
          session.out.line(line);
      }
      if (results.some((result) => result.status !== 'valid')) exit(EXIT_CODES.error);
    });

  connections
    .command('remove <name>')
    .description('remove a named connection from the configuration file')
    .action((name: string) => {
      session.entry(name);
      const current = session.config();
      const { [name]: _removed, ...rest } = current.connections;
      session.saveConfig({ ...current, connections: rest });
      session.out.line(`${name}: removed from ${session.configPath}`);
    });
}
