/** Replaces control characters (a value could move the terminal's cursor or clear the screen). */
export function printable(text: string): string {
  let result = '';
  for (const char of text) {
    const code = char.charCodeAt(0);
    result += code < 0x20 || (code >= 0x7f && code <= 0x9f) ? ' ' : char;
  }
  return result;
}

/** Columns padded to their widest cell (capped), separated by two spaces. */
export function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  maxWidth = 48,
): string[] {
  const clean = rows.map((row) => row.map((cell) => clip(printable(cell), maxWidth)));
  const widths = header.map((title, column) =>
    Math.max(title.length, ...clean.map((row) => row[column]?.length ?? 0)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...clean.map(line)];
}

function clip(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}
