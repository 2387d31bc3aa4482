/**
 * The spellings under which a secret can reach a log line or an error after a server echoed it: as
 * it is, URL-encoded (percent and `+` form encoding, either hex case), JSON-escaped (also with `\/`,
 * as PHP writes it), and base64 (standard and URL-safe), including the part that stays the same
 * when the secret sits inside a longer base64 text (`Basic base64(user:secret)`).
 */
export function secretForms(secret: string): string[] {
  const forms = new Set<string>([secret]);
  const percent = encodeURIComponent(secret);
  const form = new URLSearchParams({ s: secret }).toString().slice(2);
  for (const encoded of [percent, form]) {
    forms.add(encoded);
    forms.add(encoded.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()));
  }
  const json = JSON.stringify(secret).slice(1, -1);
  forms.add(json);
  forms.add(json.replaceAll('/', '\\/'));
  for (const base64 of base64Forms(secret)) forms.add(base64);
  return [...forms].filter((item) => item.length > 0);
}

/** Below this many characters a base64 part would match ordinary text by chance. */
const MIN_BASE64_PART = 8;

function base64Forms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const forms: string[] = [];
  for (let offset = 0; offset < 3; offset += 1) {
    // With `offset` bytes before it, the secret's bytes start in the middle of a 3-byte group: the
    // characters of the first and last partial groups depend on the neighbours, the rest do not.
    const padded = Buffer.concat([Buffer.alloc(offset), bytes]);
    const encoded = padded.toString('base64').replace(/=+$/, '');
    const start = offset === 0 ? 0 : 4;
    const whole = Math.floor(padded.length / 3) * 4;
    const stable = encoded.slice(start, offset === 0 ? encoded.length : whole);
    for (const text of [stable, offset === 0 ? encoded.slice(0, whole) : '']) {
      if (text.length < MIN_BASE64_PART) continue;
      forms.push(text, text.replaceAll('+', '-').replaceAll('/', '_'));
    }
  }
  return forms;
}
