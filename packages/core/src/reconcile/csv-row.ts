import type { Column } from './csv-columns.js';
import { unescapeFormulaCell } from './formula-cells.js';
import type { RowIssue } from './row-issue.js';

const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0']);

/**
 * Turns one CSV record into the shape `DesiredUser` validates. Every cell is text and stays text
 * (a leading `=`, `+`, `-` or `@` included: nothing is evaluated); an empty cell leaves its field
 * out; only `isAdmin` is converted, and a value it cannot read is an issue of the row.
 */
export function csvRowToRaw(
  line: number,
  cells: readonly string[],
  columns: readonly Column[],
  userNameFromEmail: boolean,
): { raw: Record<string, unknown>; issues: RowIssue[] } {
  const raw: Record<string, unknown> = {};
  const issues: RowIssue[] = [];
  let attributes: Record<string, string> | undefined;
  for (let index = 0; index < columns.length; index += 1) {
    const column = columns[index]!;
    if (column.kind === 'ignored') continue;
    const cell = unescapeFormulaCell((cells[index] ?? '').trim());
    if (column.kind === 'attribute') {
      if (cell === '') continue;
      attributes ??= {};
      attributes[column.key] = cell;
      continue;
    }
    const field = column.field;
    if (field === 'groups') {
      // The column is there, so membership is managed: an empty cell means "no groups".
      raw.groups = cell
        .split(';')
        .map((group) => group.trim())
        .filter((group) => group !== '');
    } else if (cell === '') {
      // Not managed for this row.
    } else if (field === 'isAdmin') {
      const lower = cell.toLowerCase();
      if (TRUE.has(lower)) raw.isAdmin = true;
      else if (FALSE.has(lower)) raw.isAdmin = false;
      else issues.push({ line, field, message: 'must be true or false (yes/no, 1/0)' });
    } else if (field === 'status') raw.status = cell.toLowerCase();
    else raw[field] = cell;
  }
  if (attributes !== undefined) raw.attributes = attributes;
  if (userNameFromEmail && typeof raw.email === 'string') raw.userName = raw.email;
  return { raw, issues };
}
