import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One page of 1,000 users of about 1 KB each: about 1 MB of JSON, as a large real page is. */
function pageBody(page: number): Buffer {
  const users = Array.from({ length: 1000 }, (_, index) => {
    const id = page * 1000 + index;
    return {
      id: String(id),
      userName: `user.${id}@bench.example`,
      email: `user.${id}@bench.example`,
      givenName: `Given${id}`,
      familyName: `Family${id}`,
      status: index % 7 === 0 ? 'suspended' : 'active',
      groups: ['engineering', 'all-staff', `team-${index % 40}`],
      attributes: { department: 'R&D', costCenter: `cc-${index % 100}`, note: 'x'.repeat(700) },
      createdAt: '2024-01-02T03:04:05.000Z',
    };
  });
  return Buffer.from(JSON.stringify({ users, page, total: 100_000 }));
}

/** Serves `/users?page=N` (keep-alive), each page precomputed so the server costs little. */
export async function startPageServer(
  pages: number,
): Promise<{ url: string; pageBytes: number; close(): Promise<void> }> {
  const bodies = Array.from({ length: pages }, (_, page) => pageBody(page));
  const server: Server = createServer((request, response) => {
    const page = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('page') ?? '0');
    const body = bodies[page % pages]!;
    response.writeHead(200, {
      'content-type': 'application/json',
      'content-length': String(body.byteLength),
    });
    response.end(body);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    pageBytes: bodies[0]!.byteLength,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
