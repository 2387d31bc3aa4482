// A webhook receiver as a customer would run it: plain node:http, the raw body read before any
// parsing (the signature covers those exact bytes), verified with `verifyWebhook`.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ProvisionEvent, verifyWebhook, WebhookVerificationError } from '@provisionkit/core';

export interface WebhookReceiver {
  readonly url: string;
  /** Verified events, each once (a retry of an event already seen is acknowledged, not kept twice). */
  readonly events: ProvisionEvent[];
  /** Why each refused request was refused. */
  readonly refused: string[];
  close(): Promise<void>;
}

export async function startWebhookReceiver(secret: () => string): Promise<WebhookReceiver> {
  const events: ProvisionEvent[] = [];
  const refused: string[] = [];
  const seen = new Set<string>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      try {
        const { id, event } = verifyWebhook(Buffer.concat(chunks), request.headers, secret());
        if (!seen.has(id)) events.push(event); // `webhook-id` is the event id: deduplicate on it
        seen.add(id);
        response.writeHead(204).end();
      } catch (error) {
        refused.push(error instanceof WebhookVerificationError ? error.reason : 'bad request');
        response.writeHead(400).end();
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/provisionkit`,
    events,
    refused,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
