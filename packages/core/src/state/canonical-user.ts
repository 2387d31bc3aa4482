import { hash } from 'node:crypto';
import { requireArray, requireString } from '../errors/argument-error.js';
import { normalizeUserName } from '../model/primitives.js';
import { isSecretField, REDACTED } from '../model/sensitivity.js';
import type { User } from '../model/user.js';
import { normalizeSecrets, replaceSecrets } from '../redaction/redact-text.js';
import type { StoredUser } from './stored-user.js';
import { DigestWriter } from './user-digest.js';

/**
 * Fields a snapshot tracks, in the order of the canonical JSON. `lastLoginAt` is left out on
 * purpose: a login is not a directory change, and tracking it would turn every busy morning into
 * thousands of `user.updated` events.
 */
export const TRACKED_FIELDS = [
  'id',
  'userName',
  'email',
  'givenName',
  'familyName',
  'displayName',
  'status',
  'isAdmin',
  'groups',
  'externalId',
  'attributes',
  'createdAt',
] as const satisfies readonly (keyof User)[];
export type TrackedField = (typeof TRACKED_FIELDS)[number];

/** A user as the snapshot records it: tracked fields only, secrets removed. */
export type SnapshotUser = Omit<User, 'lastLoginAt'>;

/** Prepares users for storage with one connection's secrets (config values such as an API key). */
export class UserCanonicalizer {
  readonly #secrets: readonly string[];
  readonly #writer = new DigestWriter();

  constructor(secrets: readonly string[] = []) {
    const list = requireArray('UserCanonicalizer', 'secrets', secrets);
    for (const [index, value] of list.entries())
      requireString('UserCanonicalizer', `secrets.${index}`, value);
    this.#secrets = normalizeSecrets(secrets);
  }

  /** The tracked fields in canonical order: groups sorted and unique, attribute keys sorted. */
  project(user: User): SnapshotUser {
    const projected: Record<string, unknown> = {};
    for (const field of TRACKED_FIELDS) {
      const value = user[field];
      if (value === undefined) continue;
      if (field === 'groups')
        projected.groups = [...new Set(user.groups.map((group) => this.#text(group)))].sort();
      else if (field === 'attributes') projected.attributes = this.#attributes(user.attributes);
      // Ids are kept as given: they are the provider's keys, and the snapshot is indexed by them.
      else projected[field] = typeof value === 'string' && field !== 'id' ? this.#text(value) : value;
    }
    return projected as SnapshotUser;
  }

  /** Canonical JSON, its digest and the lookup key of the user name. */
  store(user: User): StoredUser {
    return this.stored(user, this.content(user), this.digest(user));
  }

  /**
   * The snapshot hash of a user: 128 bits of MurmurHash3 over the canonical projection, fed field
   * by field (`DigestWriter` frames every value), so two users get one digest exactly when their
   * `content` is the same text, without building that text. A sync computes this for every user
   * it lists and most are unchanged: the JSON text and a SHA-1 of it cost more than twice as much.
   *
   * A non-cryptographic hash is enough here: it tells whether one user's tracked fields changed
   * since that user's last snapshot, a comparison of two values of one user (not a birthday search
   * among many), where an accidental collision has a chance of 2^-128. It was never a security
   * boundary: whoever controls the directory's data can change it openly. Secrets are scrubbed
   * before hashing, as in `content`.
   */
  digest(user: User): string {
    const writer = this.#writer;
    writer.begin();
    // The last string field scrubbed, raw and scrubbed: see `content`.
    let lastRaw: string | undefined;
    let lastText = '';
    for (let index = 0; index < TRACKED_FIELDS.length; index += 1) {
      const field = TRACKED_FIELDS[index]!;
      const value = user[field];
      if (value === undefined) continue;
      writer.field(index);
      if (field === 'groups') {
        const groups = this.#groups(user.groups);
        writer.beginArray(groups.length);
        for (const group of groups) writer.string(group);
      } else if (field === 'attributes') this.#digestAttributes(user.attributes);
      else if (typeof value !== 'string') writer.scalar(value);
      // Ids are kept as given, as in `project`.
      else if (field === 'id') writer.string(value);
      else {
        if (value !== lastRaw) {
          lastRaw = value;
          lastText = this.#text(value);
        }
        writer.string(lastText);
      }
    }
    return writer.end();
  }

  /** The hash snapshots had before `digest`: SHA-1 of `content`, still found in older stores. */
  legacyHash(user: User): string {
    return hashContent(this.content(user));
  }

  /**
   * `JSON.stringify(project(user))`, written field by field without building the projected
   * object: a sync computes this for every user it lists, and most of them are unchanged.
   */
  content(user: User): string {
    let json = `{"id":${JSON.stringify(user.id)}`;
    // The last string field written, raw and as JSON: `email` is often the `userName` again (it is
    // for LastPass), and scrubbing it twice would double the dearest step for that field.
    let lastRaw: string | undefined;
    let lastJson = '';
    for (let index = 1; index < TRACKED_FIELDS.length; index += 1) {
      const field = TRACKED_FIELDS[index]!;
      const value = user[field];
      if (value === undefined) continue;
      let text: string;
      if (field === 'groups') text = JSON.stringify(this.#groups(user.groups));
      else if (field === 'attributes') text = JSON.stringify(this.#attributes(user.attributes));
      else if (typeof value !== 'string') text = JSON.stringify(value);
      else if (value === lastRaw) text = lastJson;
      else {
        text = JSON.stringify(this.#text(value));
        lastRaw = value;
        lastJson = text;
      }
      json += `,"${field}":${text}`;
    }
    return `${json}}`;
  }

  /** The stored form of a user whose canonical content and hash were already computed. */
  stored(user: User, content: string, hash: string): StoredUser {
    return { userId: user.id, content, hash, userNameKey: normalizeUserName(this.#text(user.userName)) };
  }

  /** Sorted and unique; most lists already are, and skip the sort. */
  #groups(groups: readonly string[]): string[] {
    const copy = groups.map((group) => this.#text(group));
    for (let i = 1; i < copy.length; i += 1) {
      if (copy[i - 1]! >= copy[i]!) return [...new Set(copy)].sort();
    }
    return copy;
  }

  #attributes(attributes: User['attributes']): User['attributes'] {
    const sorted: User['attributes'] = {};
    for (const key of Object.keys(attributes).sort()) {
      const value = attributes[key]!;
      // A provider attribute called `password` or `token` is a secret by the sensitivity table.
      if (isSecretField(key)) sorted[key] = REDACTED;
      else sorted[key] = typeof value === 'string' ? this.#text(value) : value;
    }
    return sorted;
  }

  /** `#attributes` fed to the digest: keys sorted, secret keys redacted, `undefined` left out. */
  #digestAttributes(attributes: User['attributes']): void {
    const writer = this.#writer;
    writer.beginObject();
    for (const key of Object.keys(attributes).sort()) {
      const value = attributes[key];
      if (isSecretField(key)) {
        writer.string(key);
        writer.string(REDACTED);
      } else if (value !== undefined) {
        writer.string(key);
        writer.scalar(typeof value === 'string' ? this.#text(value) : value);
      }
    }
    writer.endObject();
  }

  #text(value: string): string {
    return this.#secrets.length === 0 ? value : replaceSecrets(value, this.#secrets);
  }
}

/**
 * 160 bits of SHA-1 in base64url of a canonical JSON: the snapshot hash before `digest` (kept to
 * recognise older snapshot rows), and the revision of a reconcile plan. The one-shot `crypto.hash`
 * is about twice as fast as `createHash` for strings this short.
 */
export function hashContent(content: string): string {
  return hash('sha1', content, 'base64url');
}

/** Parses the canonical JSON a store kept back into a user. */
export function parseStoredContent(content: string): SnapshotUser {
  return JSON.parse(content) as SnapshotUser;
}
