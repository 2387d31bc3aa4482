import { z } from 'zod';

/**
 * A row of the desired input that could not be used, or a problem with the input as a whole
 * (`line` 1 for a CSV header). `field` names the column or key; messages never repeat the value.
 */
export const RowIssue = z.object({
  /** 1-based line of the CSV or JSON Lines text (a CSV record's first line); array index + 1. */
  line: z.number().int().positive(),
  field: z.string().optional(),
  message: z.string(),
});
export type RowIssue = z.infer<typeof RowIssue>;

/** Issues kept in a `DesiredUsers` (and a plan); `issueCount` still counts every one. */
export const MAX_REPORTED_ISSUES = 1000;
