/** Secrets shorter than this are not looked for: they would match ordinary words (core's rule). */
export const MIN_SECRET_LENGTH = 4;

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * The spellings a server may echo a secret in: as sent, JSON-escaped (PHP also escapes `/`),
 * URL-encoded (either case of hex digits, `+` for spaces in forms), HTML-escaped, with its
 * whitespace runs collapsed (as excerpts do). Longest first, so one replacement covers another.
 */
export function secretForms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const encoded = encodeURIComponent(secret);
  const forms = new Set([
    secret,
    json,
    json.replace(/\//g, '\\/'),
    encoded,
    encoded.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
    new URLSearchParams([['', secret]]).toString().slice(1),
    secret.replace(/[&<>"']/g, (char) => HTML_ENTITIES[char] ?? char),
    secret.replace(/\s+/g, ' '),
  ]);
  return [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

/**
 * Length of the runs of a secret that count as "in large part": a quarter of it, at least 8 and at
 * most 16 characters (a quarter of a 64-character hash); secrets of 8 or fewer are looked for whole.
 */
export function fragmentLength(secret: string): number | undefined {
  if (secret.length <= 8) return undefined;
  return Math.max(8, Math.min(16, Math.ceil(secret.length / 4)));
}
