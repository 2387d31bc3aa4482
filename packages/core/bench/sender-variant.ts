import { request as httpRequest } from 'node:http';
import { fetchSender, HttpClient, nodeHttpSender } from '../src/http/index.js';

/** `idle` reads nothing: the harness's own footprint (Node, the tsx loader, the sampler). */
export const VARIANTS = ['idle', 'client-fetch', 'client-node-http', 'raw-fetch', 'raw-node-http'] as const;
export type Variant = (typeof VARIANTS)[number];

/** Reads `pages` pages one after the other and returns how many users they held. */
export async function readPages(variant: Variant, baseUrl: string, pages: number): Promise<number> {
  let users = 0;
  if (variant === 'idle') return users;
  if (variant === 'client-fetch' || variant === 'client-node-http') {
    const sender = variant === 'client-fetch' ? fetchSender() : nodeHttpSender();
    const client = new HttpClient({ provider: 'bench', baseUrl, sender });
    for (let page = 0; page < pages; page++) {
      const body = (await client.request({ method: 'GET', path: '/users', query: { page } })) as {
        users: unknown[];
      };
      users += body.users.length;
    }
    return users;
  }
  for (let page = 0; page < pages; page++) {
    const url = `${baseUrl}/users?page=${page}`;
    const body = (variant === 'raw-fetch' ? await (await fetch(url)).json() : await rawNodeGet(url)) as {
      users: unknown[];
    };
    users += body.users.length;
  }
  return users;
}

// The simplest node:http loop: collect the Buffers, concatenate once, parse.
function rawNodeGet(url: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    httpRequest(url, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      response.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}
