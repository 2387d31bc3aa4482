import { formatTable, NewUser, type User, UserRef, UserStatus } from '@provisionkit/core';
import { type Command, Option } from 'commander';
import { z } from 'zod';
import { CliError } from '../cli-errors.js';
import { parseCli } from '../cli-parse.js';
import { UserWriter } from '../output/user-output.js';
import type { CommandContext } from '../run-cli.js';
import { collect, positiveInt, userRef } from './option-parsers.js';

const CONNECTION = '-c, --connection <name>';

export function registerUsers(program: Command, { session }: CommandContext): void {
  const users = program.command('users').description('list, read and change users of one connection');

  users
    .command('list')
    .description('list users (a table; --json or --csv for scripts and spreadsheets)')
    .requiredOption(CONNECTION, 'the connection')
    .addOption(new Option('--status <status>', 'only users with this status').choices(UserStatus.options))
    .option('--group <group>', 'only members of this group')
    .option('--limit <n>', 'at most this many users', positiveInt)
    .addOption(new Option('--json', 'a JSON array of users').conflicts('csv'))
    .option('--csv', 'CSV, formula cells escaped for spreadsheets')
    .action(async (options) => {
      const { connection } = await session.connect(options.connection);
      const writer = new UserWriter(session.out, options.json ? 'json' : options.csv ? 'csv' : 'table');
      let count = 0;
      for await (const user of connection.directory.listUsers({
        ...(options.status === undefined ? {} : { status: options.status }),
        ...(options.group === undefined ? {} : { group: options.group }),
        ...(session.io.signal === undefined ? {} : { signal: session.io.signal }),
      })) {
        writer.add(user);
        count += 1;
        if (options.limit !== undefined && count >= options.limit) break;
      }
      writer.end();
    });

  users
    .command('get <user>')
    .description('one user, by user name or id:<id>')
    .requiredOption(CONNECTION, 'the connection')
    .option('--json', 'machine-readable output')
    .action(async (user: string, options) => {
      const { connection } = await session.connect(options.connection);
      show(await connection.directory.getUser(ref(user)), options.json);
    });

  users
    .command('create <userName>')
    .description('create one user')
    .requiredOption(CONNECTION, 'the connection')
    .option('--email <email>', 'email address')
    .option('--given-name <name>', 'given name')
    .option('--family-name <name>', 'family name')
    .option('--display-name <name>', 'display name')
    .option('--group <group>', 'a group to join; repeatable', collect)
    .option('--json', 'machine-readable output')
    .action(async (userName: string, options) => {
      const input = parseCli(
        NewUser,
        {
          userName,
          ...(options.email === undefined ? {} : { email: options.email }),
          ...(options.givenName === undefined ? {} : { givenName: options.givenName }),
          ...(options.familyName === undefined ? {} : { familyName: options.familyName }),
          ...(options.displayName === undefined ? {} : { displayName: options.displayName }),
          ...(options.group === undefined ? {} : { groups: options.group }),
        },
        'user',
      );
      const { connection } = await session.connect(options.connection);
      show(await connection.directory.createUser(input), options.json);
    });

  for (const [verb, description] of [
    ['suspend', 'suspend a user (reversible: the account and its data are kept)'],
    ['reactivate', 'reactivate a suspended user'],
    ['remove', "remove a user from the customer's organisation"],
    ['purge', 'delete a user for good (irreversible: needs --yes)'],
  ] as const) {
    const command = users
      .command(`${verb} <user>`)
      .description(description)
      .requiredOption(CONNECTION, 'the connection')
      .option('--json', 'machine-readable output');
    if (verb === 'purge') command.option('--yes', 'confirm the irreversible deletion');
    command.action(async (user: string, options) => {
      if (verb === 'purge' && options.yes !== true) {
        throw new CliError('purge deletes the account for good: add --yes to confirm', [
          { path: '--yes', message: 'is required to purge' },
        ]);
      }
      const { connection } = await session.connect(options.connection);
      const { directory } = connection;
      const target = ref(user);
      if (verb === 'suspend') show(await directory.suspendUser(target), options.json);
      else if (verb === 'reactivate') show(await directory.reactivateUser(target), options.json);
      else {
        await (verb === 'remove' ? directory.removeUser(target) : directory.purgeUser(target));
        if (options.json) session.out.json({ [verb === 'remove' ? 'removed' : 'purged']: target });
        else session.out.line(`${user}: ${verb === 'remove' ? 'removed' : 'purged'}`);
      }
    });
  }

  function show(user: User, json: boolean | undefined): void {
    if (json) {
      session.out.json(user);
      return;
    }
    const rows: [string, string][] = Object.entries(user).map(([key, value]) => [
      key,
      Array.isArray(value)
        ? value.join(', ')
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value),
    ]);
    for (const line of formatTable({ header: ['FIELD', 'VALUE'], rows: rows, maxWidth: 100 }))
      session.out.line(line);
  }
}

function ref(text: string): UserRef {
  return parseCli(UserRef, userRef(text), 'user') as z.infer<typeof UserRef>;
}
