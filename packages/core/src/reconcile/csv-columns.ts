import type { DesiredUser } from './desired-user.js';
import type { RowIssue } from './row-issue.js';

type ColumnField = Exclude<keyof DesiredUser, 'attributes'>;

/** What one CSV column holds. */
export type Column =
  | { readonly kind: 'field'; readonly field: ColumnField }
  | { readonly kind: 'attribute'; readonly key: string }
  | { readonly kind: 'ignored' };

/** Header spellings, compared without case, spaces, `_` or `-`. */
const ALIASES: Readonly<Record<string, ColumnField>> = {
  username: 'userName',
  login: 'userName',
  email: 'email',
  mail: 'email',
  emailaddress: 'email',
  givenname: 'givenName',
  firstname: 'givenName',
  familyname: 'familyName',
  lastname: 'familyName',
  surname: 'familyName',
  displayname: 'displayName',
  fullname: 'displayName',
  isadmin: 'isAdmin',
  admin: 'isAdmin',
  groups: 'groups',
  externalid: 'externalId',
  employeeid: 'externalId',
  status: 'status',
};
const ATTRIBUTE_PREFIX = /^attributes?\.(.+)$/i;

/**
 * Maps a header row to columns. An unknown or repeated column is reported on line 1 and ignored
 * (a typo such as `emial` must not silently become "no email"). Without a user name column the
 * email column is the login; without either no row can be read at all.
 */
export function mapHeader(header: readonly string[]): {
  columns: Column[];
  issues: RowIssue[];
  /** No user name column: the email column is the login (as on LastPass). */
  userNameFromEmail: boolean;
  ok: boolean;
} {
  const issues: RowIssue[] = [];
  const seen = new Set<string>();
  const columns = header.map((raw): Column => {
    const name = raw.trim();
    const attribute = ATTRIBUTE_PREFIX.exec(name);
    const target = attribute === null ? ALIASES[name.toLowerCase().replace(/[\s_-]/g, '')] : undefined;
    const id = attribute === null ? target : `attributes.${attribute[1]!.trim()}`;
    if (id === undefined) {
      issues.push({ line: 1, field: name, message: 'unknown column: ignored' });
      return { kind: 'ignored' };
    }
    if (seen.has(id)) {
      issues.push({ line: 1, field: name, message: `repeats the ${id} column: ignored` });
      return { kind: 'ignored' };
    }
    seen.add(id);
    return attribute === null
      ? { kind: 'field', field: target! }
      : { kind: 'attribute', key: attribute[1]!.trim() };
  });
  const userNameFromEmail = !seen.has('userName') && seen.has('email');
  const ok = seen.has('userName') || userNameFromEmail;
  if (!ok) issues.push({ line: 1, field: 'userName', message: 'no userName (or email) column' });
  return { columns, issues, userNameFromEmail, ok };
}
