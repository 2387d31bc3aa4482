import { z } from 'zod';

/**
 * Optional last argument of every `UserDirectory` verb (`listUsers` takes `ListUsersOptions`, which
 * has the same `signal`). Core always hands the provider a `signal`: the caller's, combined with the
 * connection's own, which aborts when the connection is closed.
 */
export const OperationOptions = z
  .strictObject({
    /** Aborting it stops the operation: it then fails with `CancelledError`, and nothing more is sent. */
    signal: z.instanceof(AbortSignal).optional(),
  })
  .optional();
export type OperationOptions = NonNullable<z.input<typeof OperationOptions>>;
