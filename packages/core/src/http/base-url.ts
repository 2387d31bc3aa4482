import { z } from 'zod';

/** This machine: the only hosts plain `http:` may reach (a local sandbox or simulator). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * What is wrong with `value` as a client's base URL: a query, fragment or credentials (they would
 * be repeated on every request, or logged), or plain `http:` towards another machine.
 */
export function baseUrlProblems(value: string, allowInsecureHttp: boolean): string[] {
  if (!URL.canParse(value)) return [];
  const url = new URL(value);
  const problems: string[] = [];
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    problems.push('must not have a query, fragment or credentials');
  }
  if (url.protocol === 'http:' && !allowInsecureHttp && !isLoopbackHost(url.hostname)) {
    problems.push('http: is only allowed for loopback hosts; use https:');
  }
  return problems;
}

/**
 * A provider's base URL, for its connection config schema: `https:`, or `http:` towards this machine
 * only (a local sandbox), without query, fragment or credentials. It is the rule `createHttpClient`
 * applies to `baseUrl`, so a wrong URL fails `connect()` naming `config.baseUrl` instead of failing
 * later in the client.
 */
export const BaseUrl = z
  .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
  .superRefine((value, context) => {
    for (const message of baseUrlProblems(value, false)) context.addIssue({ code: 'custom', message });
  });
export type BaseUrl = z.output<typeof BaseUrl>;
