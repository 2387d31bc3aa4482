// Child process of the webhook benchmark: the receiving end, in its own process so its work is not
// charged to the sender under test (a real receiver is another machine). Reads each body whole,
// answers 204. Sends its URL, then lives until the parent disconnects.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

// `/slow/...` answers after 5 ms, like an endpoint that does some work before it acknowledges.
const server = createServer((request, response) => {
  request.on('data', () => undefined);
  request.on('end', () => {
    if (request.url?.startsWith('/slow/') === true) setTimeout(() => response.writeHead(204).end(), 5);
    else response.writeHead(204).end();
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1');
await once(server, 'listening');
process.send?.({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks` });
process.on('disconnect', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
