import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createStatusHandler, type StatusSource } from './status-routes.js';

export interface StatusServer {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Stops listening and ends open connections (keep-alive ones too), then resolves. */
  close(): Promise<void>;
}

/**
 * Serves `source`'s statuses on 127.0.0.1 only: statuses name a platform's customers, so the
 * example never listens on a public interface. `port` 0 picks a free port.
 */
export async function startStatusServer(
  source: StatusSource,
  options: { port: number },
): Promise<StatusServer> {
  const server = createServer(createStatusHandler(source));
  server.listen(options.port, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
