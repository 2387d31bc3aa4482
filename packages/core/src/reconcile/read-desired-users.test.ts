import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors/error-classes.js';
import { escapeFormulaCell } from './formula-cells.js';
import { readDesiredUsers } from './read-desired-users.js';

const HEADER = 'userName,givenName,familyName,groups,isAdmin';

describe('readDesiredUsers', () => {
  describe('CSV', () => {
    it('reads each row into a desired user, with its line', () => {
      const desired = readDesiredUsers(
        `${HEADER}\nada@acme.example,Ada,Lovelace,Engineering;Research,no\ngrace@acme.example,Grace,Hopper,,yes\n`,
      );
      expect(desired).toMatchObject({ format: 'csv', rows: 2, issueCount: 0, complete: true });
      expect(desired.users).toEqual([
        {
          line: 2,
          user: {
            userName: 'ada@acme.example',
            givenName: 'Ada',
            familyName: 'Lovelace',
            groups: ['Engineering', 'Research'],
            isAdmin: false,
          },
        },
        {
          line: 3,
          user: {
            userName: 'grace@acme.example',
            givenName: 'Grace',
            familyName: 'Hopper',
            groups: [],
            isAdmin: true,
          },
        },
      ]);
      expect(desired.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    });

    it('reports a bad row with its line and field, and keeps the others', () => {
      const desired = readDesiredUsers(
        `userName,email,isAdmin\nada@acme.example,not-an-email,no\nbob@acme.example,,maybe\neve@acme.example,,\n`,
      );
      expect(desired.users.map((row) => row.user.userName)).toEqual(['eve@acme.example']);
      expect(desired.issues).toEqual([
        { line: 2, field: 'email', message: expect.any(String) },
        { line: 3, field: 'isAdmin', message: expect.any(String) },
      ]);
      expect(desired.leftAlone.userNames).toEqual(['ada@acme.example', 'bob@acme.example']);
      expect(desired.complete).toBe(true);
    });

    it('gives a multi-line record the line it starts on, counting blank lines', () => {
      const desired = readDesiredUsers(`userName,displayName\n\na@x.example,"two\nlines"\nb@x.example,B\n`);
      expect(desired.users.map((row) => row.line)).toEqual([3, 5]);
    });

    it('reads formula cells as text, and undoes the quote an export added', () => {
      const desired = readDesiredUsers(
        `userName,displayName,attributes.cost\na@x.example,=HYPERLINK("http://evil"),-5\nb@x.example,${escapeFormulaCell('@SUM(A1)')},+1\n`,
      );
      expect(desired.users.map((row) => row.user)).toEqual([
        { userName: 'a@x.example', displayName: '=HYPERLINK("http://evil")', attributes: { cost: '-5' } },
        { userName: 'b@x.example', displayName: '@SUM(A1)', attributes: { cost: '+1' } },
      ]);
    });

    it('reports unknown and repeated columns on line 1 and ignores them', () => {
      const desired = readDesiredUsers('userName,emial,first_name,given name\na@x.example,a@x.example,A,B\n');
      expect(desired.issues.map((issue) => [issue.line, issue.field])).toEqual([
        [1, 'emial'],
        [1, 'given name'],
      ]);
      expect(desired.users[0]?.user).toEqual({ userName: 'a@x.example', givenName: 'A' });
    });

    it('takes the email column as the login when there is no userName column', () => {
      const desired = readDesiredUsers('Email;First Name\nada@acme.example;Ada\n');
      expect(desired.users[0]?.user).toEqual({
        userName: 'ada@acme.example',
        email: 'ada@acme.example',
        givenName: 'Ada',
      });
    });

    it('applies neither of two rows naming the same user, in any letter case', () => {
      const desired = readDesiredUsers('userName\nAda@acme.example\nbob@acme.example\nada@ACME.example\n');
      expect(desired.users.map((row) => row.user.userName)).toEqual(['bob@acme.example']);
      expect(desired.issues).toEqual([
        { line: 4, field: 'userName', message: expect.stringContaining('line 2') },
      ]);
      expect(desired.leftAlone.userNames).toEqual(['ada@acme.example']);
    });

    it('reports a record with a wrong number of cells and reads on', () => {
      const desired = readDesiredUsers('userName,givenName\na@x.example,A,extra\nb@x.example,B\n');
      expect(desired.issues).toEqual([{ line: 2, message: expect.stringContaining('number of cells') }]);
      expect(desired.users.map((row) => row.user.userName)).toEqual(['b@x.example']);
      // The rejected row's key cannot be read safely from a malformed record.
      expect(desired.complete).toBe(false);
    });

    it('marks the input incomplete when a quote is never closed, keeping the rows before', () => {
      const desired = readDesiredUsers(
        'userName,displayName\na@x.example,A\nb@x.example,"B\nc@x.example,C\n',
      );
      expect(desired.users.map((row) => row.user.userName)).toEqual(['a@x.example']);
      expect(desired.complete).toBe(false);
      expect(desired.issues[0]?.line).toBe(3);
    });

    it('marks an empty text or a text without a user name column incomplete', () => {
      expect(readDesiredUsers('')).toMatchObject({ complete: false, rows: 0 });
      expect(readDesiredUsers('givenName\nAda\n')).toMatchObject({ complete: false, rows: 0 });
    });

    it('reads a header without rows as an empty, complete list', () => {
      expect(readDesiredUsers('userName\n')).toMatchObject({ complete: true, rows: 0, users: [] });
    });

    it('stops at maxRows and says so', () => {
      const desired = readDesiredUsers('userName\na@x.example\nb@x.example\nc@x.example\n', { maxRows: 2 });
      expect(desired.users).toHaveLength(2);
      expect(desired.complete).toBe(false);
    });

    it('caps the issues it keeps but counts them all', () => {
      const rows = Array.from({ length: 1500 }, () => 'x,maybe').join('\n');
      const desired = readDesiredUsers(`userName,isAdmin\n${rows}\n`);
      expect(desired.issues).toHaveLength(1000);
      expect(desired.issueCount).toBe(1500);
    });

    it('reads bytes like the same text, BOM included', () => {
      const text = '\uFEFFuserName\na@x.example\n';
      const fromBytes = readDesiredUsers(new TextEncoder().encode(text));
      expect(fromBytes.users).toEqual(readDesiredUsers(text).users);
      expect(fromBytes.hash).toBe(readDesiredUsers(text).hash);
    });
  });

  describe('JSON Lines', () => {
    it('reads one object per line, reports bad lines and reads on', () => {
      const desired = readDesiredUsers(
        [
          '{"userName":"a@x.example","isAdmin":true,"groups":["Ops"]}',
          '',
          '{"userName":"b@x.example","isAdmin":"yes"}',
          'not json',
          '[1]',
          '{"userName":"c@x.example","password":"hunter2hunter2"}',
          '{"userName":"d@x.example"}',
        ].join('\r\n'),
      );
      expect(desired.format).toBe('jsonl');
      expect(desired.users.map((row) => [row.line, row.user.userName])).toEqual([
        [1, 'a@x.example'],
        [7, 'd@x.example'],
      ]);
      expect(desired.issues.map((issue) => [issue.line, issue.field])).toEqual([
        [3, 'isAdmin'],
        [4, undefined],
        [5, undefined],
        [6, undefined],
      ]);
      expect(JSON.stringify(desired)).not.toContain('hunter2');
    });
  });

  describe('arrays', () => {
    it('reports holes and unreadable elements by index + 1', () => {
      // biome-ignore lint/suspicious/noSparseArray: a sparse array is the hostile input under test
      const rows: unknown[] = [{ userName: 'a@x.example' }, , 5];
      Object.defineProperty(rows, 3, {
        get() {
          throw new Error('boom');
        },
        enumerable: true,
      });
      const desired = readDesiredUsers(rows);
      expect(desired.users.map((row) => row.user.userName)).toEqual(['a@x.example']);
      expect(desired.issues.map((issue) => issue.line)).toEqual([2, 3, 4]);
      expect(desired.complete).toBe(false);
    });
  });

  describe('hostile input', () => {
    it('stops at a record longer than 1 MiB, keeping the rows before, without hanging', () => {
      const huge = `userName,displayName\na@x.example,A\nb@x.example,"${'x'.repeat(2 * 1024 * 1024)}"\nc@x.example,C\n`;
      const desired = readDesiredUsers(huge);
      expect(desired.users.map((row) => row.user.userName)).toEqual(['a@x.example']);
      expect(desired).toMatchObject({ complete: false, issues: [{ line: 3 }] });
    });

    it('reads a sparse sheet of thousands of empty columns, ignoring the unknown ones', () => {
      const empties = ','.repeat(5000);
      const desired = readDesiredUsers(`userName${empties}\na@x.example${empties}\n`);
      expect(desired.users).toEqual([{ line: 2, user: { userName: 'a@x.example' } }]);
      expect(desired.issueCount).toBe(5000);
    });

    it('rejects deeply nested and mistyped JSON lines one by one', () => {
      const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
      const desired = readDesiredUsers(
        [
          deep,
          '{"userName":{"$gt":""}}',
          '{"userName":"a@x.example","groups":"Ops"}',
          '{"userName":"b@x.example"}',
        ].join('\n'),
        { format: 'jsonl' },
      );
      expect(desired.users.map((row) => row.line)).toEqual([4]);
      expect(desired.issues.map((issue) => [issue.line, issue.field])).toEqual([
        [1, undefined],
        [2, 'userName'],
        [3, 'groups'],
      ]);
    });
  });

  it('refuses an input of the wrong type with invalid_input', () => {
    expect(() => readDesiredUsers(42 as never)).toThrow(InvalidInputError);
    expect(() => readDesiredUsers('', { maxRows: -1 })).toThrow(InvalidInputError);
  });

  it('never throws and accounts for every row, whatever the text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', '@', ',', ';', '"', '\n', '\r', '=', ' ', 'x') }),
        (body) => {
          const desired = readDesiredUsers(`userName,displayName\n${body}`, { format: 'csv' });
          expect(desired.users.length).toBeLessThanOrEqual(desired.rows);
        },
      ),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string(), (body) => {
        readDesiredUsers(body, { format: 'jsonl' });
      }),
      { numRuns: 300 },
    );
  });
});
