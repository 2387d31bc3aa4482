import { requireString } from '../errors/argument-error.js';

/**
 * Cells a spreadsheet would run as a formula start with one of these (OWASP "CSV injection"): a
 * tab and a carriage return too, since some spreadsheets strip them before looking.
 */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/**
 * The text to write in a CSV cell so that a spreadsheet shows it instead of running it: a single
 * quote before a leading formula character. `readDesiredUsers` removes that quote again, so an
 * exported list reads back unchanged.
 */
export function escapeFormulaCell(value: string): string {
  requireString('escapeFormulaCell', 'value', value);
  return value.length > 0 && FORMULA_TRIGGERS.has(value[0]!) ? `'${value}` : value;
}

/** The value an escaped cell stood for (`'=1+1` → `=1+1`); any other text is kept as it is. */
export function unescapeFormulaCell(value: string): string {
  requireString('unescapeFormulaCell', 'value', value);
  return value.length > 1 && value[0] === "'" && FORMULA_TRIGGERS.has(value[1]!) ? value.slice(1) : value;
}
