/** What the HTTP conventions put in place of a credential or a query value. */
export const URL_REDACTED = 'REDACTED';

/**
 * `url.full` as spans may carry it: user and password replaced by `REDACTED` (as the semantic
 * conventions ask), every query value replaced by `REDACTED` (a cursor, a user name or a token may
 * sit there), no fragment, and the client's secrets cut from what is left (a token in the path).
 */
export function redactedUrl(url: URL, redactText: (text: string) => string): string {
  const credentials = url.username !== '' || url.password !== '' ? `${URL_REDACTED}:${URL_REDACTED}@` : '';
  const query = [...url.searchParams.keys()]
    .map((key) => `${encodeURIComponent(key)}=${URL_REDACTED}`)
    .join('&');
  return redactText(
    `${url.protocol}//${credentials}${url.host}${url.pathname}${query === '' ? '' : `?${query}`}`,
  );
}

/** `server.address`: the host name, an IPv6 address without its brackets. */
export function serverAddress(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/** `server.port`: the URL's port, or the scheme's default. */
export function serverPort(url: URL): number {
  if (url.port !== '') return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}
