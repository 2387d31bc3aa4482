import { escapeFormulaCell, formatTable, User } from '@provisionkit/core';
import { stringify } from 'csv-stringify/sync';
import type { Printer } from '../cli-io.js';

/** Every `User` field but `attributes` (provider-specific keys), in the model's order. */
export const USER_COLUMNS = Object.keys(User.shape).filter(
  (key): key is Exclude<keyof User, 'attributes'> => key !== 'attributes',
);

/** One user as a CSV row: every text cell a spreadsheet would run as a formula is escaped. */
export function csvRow(user: User): string[] {
  return USER_COLUMNS.map((column) => {
    const value = user[column];
    const text = value === undefined ? '' : Array.isArray(value) ? value.join(';') : String(value);
    return escapeFormulaCell(text);
  });
}

/** Writes users as they are listed, as a table, a JSON array or CSV. */
export class UserWriter {
  readonly #out: Printer;
  readonly #format: 'table' | 'json' | 'csv';
  readonly #rows: User[] = [];
  #count = 0;

  constructor(out: Printer, format: 'table' | 'json' | 'csv') {
    this.#out = out;
    this.#format = format;
    if (format === 'csv') out.write(stringify([USER_COLUMNS]));
    if (format === 'json') out.write('[');
  }

  add(user: User): void {
    if (this.#format === 'csv') this.#out.write(stringify([csvRow(user)]));
    else if (this.#format === 'json')
      this.#out.write(`${this.#count === 0 ? '\n' : ',\n'}  ${JSON.stringify(user)}`);
    else this.#rows.push(user);
    this.#count += 1;
  }

  end(): number {
    if (this.#format === 'json') this.#out.write(this.#count === 0 ? ']\n' : '\n]\n');
    if (this.#format === 'table') {
      const rows = this.#rows.map((user) => [
        user.id,
        user.userName,
        user.displayName ?? [user.givenName, user.familyName].filter(Boolean).join(' '),
        user.status,
        user.isAdmin ? 'yes' : '',
        user.groups.join(', '),
      ]);
      for (const line of formatTable({
        header: ['ID', 'USER', 'NAME', 'STATUS', 'ADMIN', 'GROUPS'],
        rows,
        maxWidth: 48,
      }))
        this.#out.line(line);
      this.#out.line(`${this.#count} user${this.#count === 1 ? '' : 's'}`);
    }
    return this.#count;
  }
}
