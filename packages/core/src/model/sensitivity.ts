import { requireString } from '../errors/argument-error.js';

/**
 * Field sensitivity, declared once. The logger, errors and events redact from this table instead of
 * keeping their own lists. Keys are matched case-insensitively against object keys at any depth.
 */
export type Sensitivity = 'secret' | 'personal';

export const FIELD_SENSITIVITY: Readonly<Record<string, Sensitivity>> = {
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
};

export const REDACTED = '[REDACTED]';

export function isSecretField(key: string): boolean {
  return FIELD_SENSITIVITY[requireString('isSecretField', 'key', key).toLowerCase()] === 'secret';
}
