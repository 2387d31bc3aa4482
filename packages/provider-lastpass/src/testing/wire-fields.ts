import { z } from 'zod';

/** §2.1/§7.11: numeric fields arrive as numbers or numeric strings (`"pagesize":"500"`). */
export const IntLike = z.union([
  z.int(),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number),
]);

/** §4.1: flags arrive as `1`, `true`, `"1"` or `"True"` (clients differ). */
export const FlagLike = z.union([
  z.boolean(),
  z.literal([0, 1]).transform((value) => value === 1),
  z
    .enum(['0', '1', 'true', 'false', 'True', 'False'])
    .transform((value) => value === '1' || value === 'true' || value === 'True'),
]);

/** Deliberately loose: the real service's rule is unknown; this only rejects what is clearly not an email. */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const EmailLike = z.string().trim().regex(EMAIL_PATTERN);

/** `{username}` as taken by the single-user commands (§4.6–§4.8). */
export const UsernameData = z.looseObject({ username: z.string().min(1) });

/** Group-name lists; a lone string is tolerated as a list of one. */
export const GroupNames = z.union([
  z.array(z.string().min(1)),
  z
    .string()
    .min(1)
    .transform((name) => [name]),
]);
