/** Code as a document quotes it: lines trimmed, blank lines dropped, so indentation may differ. */
export function quotedLines(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
}
