import { requireString } from '../errors/argument-error.js';

/**
 * Field sensitivity, declared once. The logger, errors and events redact from this table instead of
 * keeping their own lists. Keys are matched case-insensitively against object keys at any depth.
 */
export type Sensitivity = 'secret' | 'personal';

export const FIELD_SENSITIVITY: Readonly<Record<string, Sensitivity>> = Object.freeze({
  password: 'secret',
  newpassword: 'secret',
  provhash: 'secret',
  secret: 'secret',
  apisecret: 'secret',
  apikey: 'secret',
  token: 'secret',
  accesstoken: 'secret',
  authorization: 'secret',
  email: 'personal',
  username: 'personal',
  givenname: 'personal',
  familyname: 'personal',
  displayname: 'personal',
});

export const REDACTED = '[REDACTED]';

// Keys already judged. Secret walks ask about every key of every item of a batch, and each ask
// cost a lower-cased copy of a key from a handful of names (`userName`, `givenName`, ...). The
// table is frozen (the redactors also read it once, at load); bounded, so endless distinct keys
// start the memory over instead of growing it.
const judged = new Map<string, boolean>();
const MAX_JUDGED = 1024;

export function isSecretField(key: string): boolean {
  const known = judged.get(key);
  if (known !== undefined) return known;
  const secret = FIELD_SENSITIVITY[requireString('isSecretField', 'key', key).toLowerCase()] === 'secret';
  if (judged.size >= MAX_JUDGED) judged.clear();
  judged.set(key, secret);
  return secret;
}
