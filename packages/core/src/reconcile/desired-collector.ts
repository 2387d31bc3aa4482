import { normalizeUserName } from '../model/primitives.js';
import { DesiredUser } from './desired-user.js';
import { type DesiredFormat, type DesiredRow, type DesiredUsers, sealDesiredUsers } from './desired-users.js';
import { MAX_REPORTED_ISSUES, type RowIssue } from './row-issue.js';

interface Entry {
  readonly line: number;
  readonly user: DesiredUser;
  dropped: boolean;
}

/**
 * Validates rows one by one and keeps what a plan needs: usable rows, capped issues, the keys of
 * rejected rows, and whether every row was accounted for. Each reader (CSV, JSON Lines, array)
 * feeds it; none of them can make a row vanish without an issue.
 */
export class DesiredCollector {
  readonly #entries: Entry[] = [];
  readonly #byUserName = new Map<string, Entry>();
  readonly #byExternalId = new Map<string, Entry>();
  readonly #issues: RowIssue[] = [];
  readonly #leftAloneNames = new Set<string>();
  readonly #leftAloneIds = new Set<string>();
  #issueCount = 0;
  #rows = 0;
  #complete = true;

  /** Validates one row (already converted to the `DesiredUser` shape); returns the parsed user. */
  add(line: number, raw: unknown, conversionIssues: readonly RowIssue[] = []): DesiredUser | undefined {
    this.#rows += 1;
    let parsed: ReturnType<typeof DesiredUser.safeParse>;
    try {
      parsed = DesiredUser.safeParse(raw);
    } catch {
      // A hostile value (a throwing getter, a revoked proxy) is a bad row, not a crash.
      this.issue({ line, message: 'could not be read' });
      this.#leaveAlone(undefined);
      return undefined;
    }
    if (!parsed.success || conversionIssues.length > 0) {
      for (const issue of conversionIssues) this.issue(issue);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const field = issue.path.map(String).join('.');
          this.issue({ line, ...(field === '' ? {} : { field }), message: issue.message });
        }
      }
      this.#leaveAlone(raw);
      return undefined;
    }
    const user = parsed.data;
    const entry: Entry = { line, user, dropped: false };
    const nameKey = normalizeUserName(user.userName);
    const sameName = this.#byUserName.get(nameKey);
    const sameId = user.externalId === undefined ? undefined : this.#byExternalId.get(user.externalId);
    const earlier = sameName ?? sameId;
    if (earlier !== undefined) {
      // Which of two rows is right cannot be known: neither is applied, both accounts are left alone.
      const field = sameName !== undefined ? 'userName' : 'externalId';
      this.issue({ line, field, message: `same ${field} as line ${earlier.line}: neither row is applied` });
      earlier.dropped = true;
      this.#leaveAlone(earlier.user);
      this.#leaveAlone(user);
      return undefined;
    }
    this.#byUserName.set(nameKey, entry);
    if (user.externalId !== undefined) this.#byExternalId.set(user.externalId, entry);
    this.#entries.push(entry);
    return user;
  }

  /** A row that could not even be converted (a syntax error in that row). */
  reject(issue: RowIssue, key?: unknown): void {
    this.#rows += 1;
    this.issue(issue);
    this.#leaveAlone(key);
  }

  /** The input stops being readable here: what follows is unknown. */
  truncate(issue: RowIssue): void {
    this.issue(issue);
    this.#complete = false;
  }

  issue(issue: RowIssue): void {
    this.#issueCount += 1;
    if (this.#issues.length < MAX_REPORTED_ISSUES) this.#issues.push(issue);
  }

  get rows(): number {
    return this.#rows;
  }

  finish(format: DesiredFormat, hash: string): DesiredUsers {
    const users: DesiredRow[] = [];
    for (const entry of this.#entries) if (!entry.dropped) users.push({ line: entry.line, user: entry.user });
    return sealDesiredUsers({
      format,
      hash,
      rows: this.#rows,
      users,
      issues: this.#issues,
      issueCount: this.#issueCount,
      leftAlone: { userNames: [...this.#leftAloneNames], externalIds: [...this.#leftAloneIds] },
      complete: this.#complete,
    });
  }

  /** Records the keys a rejected row still shows; without a readable user name the input is incomplete. */
  #leaveAlone(raw: unknown): void {
    const fields = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
    const userName = readKey(fields, 'userName');
    const externalId = readKey(fields, 'externalId');
    if (userName === undefined) this.#complete = false;
    else this.#leftAloneNames.add(normalizeUserName(userName));
    if (externalId !== undefined) this.#leftAloneIds.add(externalId.trim());
  }
}

function readKey(fields: Record<string, unknown>, key: string): string | undefined {
  let value: unknown;
  try {
    value = Object.hasOwn(fields, key) ? fields[key] : undefined;
  } catch {
    return undefined;
  }
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
