import { z } from 'zod';

/** A group as providers report it. Some providers (LastPass) have names only: `id` is then the name. */
export const Group = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  memberCount: z.number().int().nonnegative().optional(),
});
export type Group = z.infer<typeof Group>;
