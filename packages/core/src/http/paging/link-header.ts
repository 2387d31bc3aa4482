/** One link of an RFC 8288 `Link` header: its target as written and its parameters (lower-case names). */
export interface LinkValue {
  readonly target: string;
  readonly params: Readonly<Record<string, string>>;
}

const MAX_HEADER_CHARS = 64 * 1024;

/**
 * Parses a `Link` header (`<https://x/?page=2>; rel="next", <...>; rel="last"`). Commas and
 * semicolons inside `<...>` and quoted strings are data. Malformed parts are skipped; a header
 * longer than 64 KiB is ignored.
 */
export function parseLinkHeader(header: string | null): LinkValue[] {
  if (typeof header !== 'string' || header.length > MAX_HEADER_CHARS) return [];
  const links: LinkValue[] = [];
  let index = 0;
  while (index < header.length) {
    const open = header.indexOf('<', index);
    if (open < 0) break;
    const close = header.indexOf('>', open + 1);
    if (close < 0) break;
    const target = header.slice(open + 1, close).trim();
    const { params, end } = readParams(header, close + 1);
    links.push({ target, params });
    index = end + 1;
  }
  return links;
}

/** The target of the first link whose `rel` includes `relation` (case-insensitive). */
export function findLink(header: string | null, relation: string): string | undefined {
  if (typeof relation !== 'string') return undefined;
  const wanted = relation.toLowerCase();
  const link = parseLinkHeader(header).find((candidate) =>
    (candidate.params.rel ?? '').toLowerCase().split(/\s+/).includes(wanted),
  );
  return link?.target;
}

// Reads `; name=value; name="quoted, value"` up to the comma that ends the link-value.
function readParams(header: string, start: number): { params: Record<string, string>; end: number } {
  const params: Record<string, string> = {};
  let index = start;
  while (index < header.length) {
    while (index < header.length && header[index] === ' ') index++;
    if (header[index] === ',' || index >= header.length) break;
    if (header[index] !== ';') {
      index++;
      continue;
    }
    index++;
    const nameMatch = /^\s*([A-Za-z0-9!#$&+\-.^_`|~*]+)\s*/.exec(header.slice(index, index + 256));
    if (nameMatch === null) continue;
    const name = nameMatch[1]!.toLowerCase();
    index += nameMatch[0].length;
    let value = '';
    if (header[index] === '=') {
      index++;
      while (header[index] === ' ') index++;
      if (header[index] === '"') {
        index++;
        while (index < header.length && header[index] !== '"') {
          if (header[index] === '\\') index++;
          value += header[index] ?? '';
          index++;
        }
        index++;
      } else {
        const bare = /^[^;,\s]*/.exec(header.slice(index))![0];
        value = bare;
        index += bare.length;
      }
    }
    // The first occurrence of a parameter wins (RFC 8288 section 3).
    if (!(name in params)) params[name] = value;
  }
  return { params, end: index };
}
