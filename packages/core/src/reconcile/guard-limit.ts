import { argumentError } from '../errors/argument-error.js';

/**
 * The mass-change guard's limit as people read it. The limit is a share of the directory (30.2 for
 * 10% of 302 users) and the guard holds when more users than that change; counts are whole, so
 * "more than 30.2" is "more than 30" and the whole number is what is shown.
 */
export function guardLimitText(limit: number): string {
  if (typeof limit !== 'number' || Number.isNaN(limit) || limit < 0)
    throw argumentError('guardLimitText', 'limit', 'must be a number, 0 or more');
  return limit >= Number.MAX_SAFE_INTEGER ? 'none' : String(Math.floor(limit));
}
