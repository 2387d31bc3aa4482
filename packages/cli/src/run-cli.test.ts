import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type LastPassSimulator, startLastPassSimulator } from '@provisionkit/provider-lastpass/testing';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliSandbox } from './cli-test-helpers.js';

const SECRET = 'canary-api-key-91d0c4e2b7';

describe('runCli', () => {
  describe('connections', () => {
    it('saves a connection whose secret comes from the environment, and never shows it', async () => {
      const cli = cliSandbox({ MOCK_KEY: SECRET });
      const added = await cli.addMock('globex', '--env', 'apiKey=MOCK_KEY');
      expect(added).toMatchObject({ code: 0, stderr: '' });
      const file = readFileSync(join(cli.cwd, 'provisionkit.json'), 'utf8');
      expect(JSON.parse(file).connections.globex.config).toEqual({ apiKey: { env: 'MOCK_KEY' } });
      expect(statSync(join(cli.cwd, 'provisionkit.json')).mode & 0o077).toBe(0);
      const listed = await cli.run('connections', 'list', '--json');
      expect(JSON.parse(listed.stdout).connections[0]).toEqual({
        name: 'globex',
        provider: 'mock',
        tenant: 'globex',
        config: { apiKey: '$MOCK_KEY' },
      });
      const tested = await cli.run('--verbose', 'connections', 'test');
      expect(tested.code).toBe(0);
      expect(`${tested.stdout}${tested.stderr}${listed.stdout}`).not.toContain(SECRET);
    });

    it('hides a secret written in the file itself, and says it is there', async () => {
      const cli = cliSandbox();
      const added = await cli.addMock('globex', '--set', `apiKey=${SECRET}`);
      expect(added.stderr).toContain('a secret is stored in');
      const listed = await cli.run('connections', 'list');
      expect(listed.stdout).toContain('[REDACTED]');
      expect(listed.stdout).not.toContain(SECRET);
    });

    it('says which environment variable is missing, in one line', async () => {
      const cli = cliSandbox();
      await cli.addMock('globex', '--env', 'apiKey=MOCK_KEY');
      const tested = await cli.run('connections', 'test', 'globex');
      expect(tested.code).toBe(1);
      expect(tested.stderr).toBe(
        'error: invalid_input: connections.globex.config.apiKey: the environment variable MOCK_KEY is not set (check the arguments and files named above)\n',
      );
    });

    it('refuses an unknown provider, a bad name and a config the provider refuses', async () => {
      const cli = cliSandbox();
      expect(
        (await cli.run('connections', 'add', 'x', '--provider', 'nope', '--tenant', 't')).stderr,
      ).toMatch(/^error: invalid_input: Unknown provider nope/);
      expect(
        (await cli.run('connections', 'add', 'bad name', '--provider', 'mock', '--tenant', 't')).code,
      ).toBe(1);
      const refused = await cli.run(
        'connections',
        'add',
        'm',
        '--provider',
        'mock',
        '--tenant',
        't',
        '--set',
        'maxBatchSize=0',
      );
      expect(refused.stderr).toMatch(/^error: invalid_input: Invalid mock config: maxBatchSize/);
    });

    it('refuses a configuration file that is not valid', async () => {
      const cli = cliSandbox();
      writeFileSync(join(cli.cwd, 'provisionkit.json'), '{"connections":{"a":{"provider":"mock"}}}');
      const listed = await cli.run('connections', 'list');
      expect(listed.code).toBe(1);
      expect(listed.stderr).toMatch(
        /^error: invalid_input: Invalid .*provisionkit\.json: connections\.a\.tenant/,
      );
    });
  });

  describe('users', () => {
    it('exports CSV with formula cells escaped, and reads it back as the same users', async () => {
      const cli = cliSandbox();
      const seed = JSON.stringify([
        { userName: 'eve@globex.example', displayName: '=HYPERLINK("http://evil.example","x")' },
        { userName: 'mallory@globex.example', givenName: '+1-555', familyName: '@admin' },
      ]);
      await cli.addMock('globex', '--set', `seed=${seed}`, '--set', 'createsInvitedUsers=true');
      const listed = await cli.run('users', 'list', '-c', 'globex', '--csv');
      expect(listed.code).toBe(0);
      const rows = parse(listed.stdout, { columns: true }) as Record<string, string>[];
      expect(rows.map((row) => [row.displayName, row.givenName, row.familyName])).toEqual([
        [`'=HYPERLINK("http://evil.example","x")`, '', ''],
        ["'+1-555 @admin", "'+1-555", "'@admin"],
      ]);
      writeFileSync(join(cli.cwd, 'export.csv'), listed.stdout);
      const planned = await cli.run('plan', '--desired', 'export.csv', '-c', 'globex', '--detailed-exitcode');
      expect(planned.stderr).toBe('');
      expect(planned.stdout).toContain('unknown column');
      expect(planned.stdout).toContain('2 rows, 2 accepted, 0 rejected');
      expect(planned.stdout).toContain('No changes.');
      expect(planned.code).toBe(0);
    });

    it('lists users as a stable JSON array, and refuses a purge without --yes', async () => {
      const cli = cliSandbox();
      await cli.addMock('globex', '--set', 'seed=[{"userName":"hank@globex.example"}]');
      const listed = await cli.run('users', 'list', '-c', 'globex', '--json');
      expect(JSON.parse(listed.stdout)).toEqual([
        expect.objectContaining({ userName: 'hank@globex.example', status: 'active' }),
      ]);
      const purge = await cli.run('users', 'purge', 'hank@globex.example', '-c', 'globex');
      expect(purge).toMatchObject({
        code: 1,
        stderr: expect.stringMatching(/^error: invalid_input: purge deletes the account for good: add --yes/),
      });
      expect((await cli.run('users', 'get', 'nobody@globex.example', '-c', 'globex')).stderr).toMatch(
        /^error: not_found: /,
      );
    });
  });

  describe('plan and apply', () => {
    let simulator: LastPassSimulator;
    beforeAll(async () => {
      simulator = await startLastPassSimulator({
        provhash: 'canary-provhash-55aa66bb77cc88dd',
        seed: { users: 3 },
      });
    });
    afterAll(() => simulator.close());

    /** A sandbox with one connection, `acme`, to the simulator. */
    async function lastpassSandbox() {
      const cli = cliSandbox({ LP: 'canary-provhash-55aa66bb77cc88dd' });
      const { cid } = simulator.credentials;
      const connection = ['--provider', 'lastpass', '--tenant', 'acme', '--env', 'provhash=LP'];
      await cli.run(
        'connections',
        'add',
        'acme',
        ...connection,
        '--set',
        `cid=${cid}`,
        '--set',
        `baseUrl=${simulator.url}`,
      );
      return cli;
    }

    it('exits 3 when some actions failed and the others were applied', async () => {
      const cli = await lastpassSandbox();
      // A rename of an existing user's full name, and a new user; LastPass then refuses the rename.
      const existing = simulator.state.listUsers()[0]!.username;
      writeFileSync(
        join(cli.cwd, 'desired.csv'),
        ['userName,displayName', 'ok@acme.example,Ok', `${existing},Renamed Person`, ''].join('\n'),
      );
      expect((await cli.run('plan', '--desired', 'desired.csv', '--out', 'plan.json')).code).toBe(0);
      const dry = await cli.run('apply', 'plan.json', '--dry-run');
      expect(dry).toMatchObject({ code: 0, stdout: expect.stringContaining('dry run: nothing was written') });
      expect(simulator.state.getUserByName('ok@acme.example')).toBeUndefined();
      simulator.faults.always({ kind: 'echo', as: 'fail' }, { cmd: 'updateuser' });
      try {
        const applied = await cli.run('apply', 'plan.json', '--json');
        expect(applied.code).toBe(3);
        expect(JSON.parse(applied.stdout)).toMatchObject({ status: 'partial', done: 1, failed: 1 });
        // The refusal echoed the request, provhash included: none of it reaches the output.
        expect(applied.stdout + applied.stderr).not.toContain('canary-provhash');
      } finally {
        simulator.faults.clear();
      }
      expect(simulator.state.getUserByName('ok@acme.example')).toBeDefined();
    });

    it('reports a user name LastPass cannot hold as a row issue, plans the other rows and applies them all', async () => {
      const cli = await lastpassSandbox();
      writeFileSync(
        join(cli.cwd, 'desired.csv'),
        'userName,displayName\nhire@acme.example,Hire\nkiosk-7,Kiosk\n',
      );
      const planned = await cli.run('plan', '--desired', 'desired.csv', '--out', 'plan.json');
      expect(planned).toMatchObject({ code: 0, stderr: '' });
      expect(planned.stdout).toContain('1 create; 1 row issue not planned\n');
      expect(planned.stdout).toContain(
        '  line 3 userName: must be an email address (lastpass user names are email addresses): no account is created\n',
      );
      expect(planned.stdout).toContain('Plan: 1 create; 1 row issue not planned (see above).');
      const saved = JSON.parse(readFileSync(join(cli.cwd, 'plan.json'), 'utf8'));
      expect(saved.connections[0]).toMatchObject({ issueCount: 1, issues: [{ line: 3, field: 'userName' }] });
      const applied = await cli.run('apply', 'plan.json', '--json');
      expect(applied.code).toBe(0);
      expect(JSON.parse(applied.stdout)).toMatchObject({ status: 'applied', done: 1, failed: 0 });
      expect(simulator.state.getUserByName('hire@acme.example')).toBeDefined();
    });

    it('refuses a plan file that is not a plan, or was edited', async () => {
      const cli = await lastpassSandbox();
      writeFileSync(join(cli.cwd, 'junk.json'), '{"nope":1}');
      expect((await cli.run('apply', 'junk.json')).stderr).toMatch(/^error: invalid_input: .*is not a plan/);
      writeFileSync(join(cli.cwd, 'desired.csv'), 'userName\nnew@acme.example\n');
      await cli.run('plan', '--desired', 'desired.csv', '--out', 'plan.json');
      const plan = JSON.parse(readFileSync(join(cli.cwd, 'plan.json'), 'utf8'));
      plan.connections[0].actions[0].userName = 'someone.else@acme.example';
      writeFileSync(join(cli.cwd, 'plan.json'), JSON.stringify(plan));
      const edited = await cli.run('apply', 'plan.json');
      expect(edited.code).toBe(1);
      expect(edited.stderr).toMatch(/^error: invalid_input: Invalid plan: it was changed after planning/);
    });
  });

  it('applies a plan of a seeded mock connection, which every run of the command builds alike', async () => {
    const cli = cliSandbox();
    const seed = JSON.stringify([{ userName: 'hank@globex.example' }, { userName: 'ivy@globex.example' }]);
    await cli.addMock('globex', '--set', `seed=${seed}`);
    writeFileSync(join(cli.cwd, 'desired.csv'), 'userName\nhank@globex.example\nnew@globex.example\n');
    const planned = await cli.run(
      'plan',
      '--desired',
      'desired.csv',
      '--unmatched',
      'suspend',
      '--out',
      'plan.json',
    );
    expect(planned.stdout).toContain('Plan: 1 create, 1 suspend.');
    const applied = await cli.run('apply', 'plan.json', '--approve-mass-change', '--json');
    expect(applied.stderr).toBe('');
    expect(JSON.parse(applied.stdout)).toMatchObject({ status: 'applied', done: 2 });
  });

  it('answers --help and --version with exit 0, and a usage error with 1', async () => {
    const cli = cliSandbox();
    expect((await cli.run('--version')).stdout).toBe('0.1.0\n');
    expect((await cli.run('plan', '--help')).stdout).toContain('--detailed-exitcode');
    const usage = await cli.run('plan');
    expect(usage.code).toBe(1);
    expect(usage.stderr).toContain("required option '--desired <file>' not specified");
  });
});
