import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { NotFoundError } from '../errors/error-classes.js';
import { parseInput } from '../errors/from-zod.js';
import type { StateStore } from '../state/state-store.js';
import type { WebhookAttempt, WebhookDelivery, WebhookSubscription } from '../state/webhook-records.js';
import { checkSubscriberUrl, type ParsedUrlPolicy } from './url-policy.js';
import {
  DeliveryListQuery,
  type EndpointListQuery,
  EndpointListQuery as EndpointListQuerySchema,
  EndpointPatch,
  RotateSecretOptions,
  SubscribeInput,
  toEndpoint,
  type WebhookEndpoint,
} from './webhook-endpoint.js';
import { generateWebhookSecret } from './webhook-secret.js';

const DEFAULT_OVERLAP_MS = 24 * 3_600_000;
const Id = SubscribeInput.shape.id.unwrap();
const DisableReason = z.string().min(1).max(200);

/** An endpoint with the secret it signs with: returned once, to hand to the receiver. */
export interface EndpointWithSecret {
  readonly endpoint: WebhookEndpoint;
  /** `whsec_...`: keep it out of logs; the receiver passes it to `verifyWebhook`. */
  readonly secret: string;
}

/** Creating and managing endpoints over the store: every input validated, no secret ever returned twice. */
export class WebhookEndpoints {
  readonly #store: StateStore;
  readonly #policy: ParsedUrlPolicy;
  readonly #now: () => Date;

  constructor(store: StateStore, policy: ParsedUrlPolicy, now: () => Date) {
    this.#store = store;
    this.#policy = policy;
    this.#now = now;
  }

  /**
   * A new endpoint for a tenant's events (of one provider, or all) with a fresh secret. The URL is
   * checked against the policy now (scheme, an IP literal); the addresses a name resolves to are
   * checked at each delivery.
   */
  async subscribe(input: SubscribeInput): Promise<EndpointWithSecret> {
    const parsed = parseInput(SubscribeInput, input, { argument: 'input' });
    checkSubscriberUrl(parsed.url, this.#policy, 'input.url');
    const secret = generateWebhookSecret();
    const createdAt = this.#now().toISOString();
    const created = await this.#store.createWebhookSubscription({
      id: parsed.id ?? `wh_${randomUUID().replaceAll('-', '')}`,
      tenant: parsed.tenant,
      ...(parsed.provider === undefined ? {} : { provider: parsed.provider }),
      url: parsed.url,
      ...(parsed.eventTypes === undefined ? {} : { eventTypes: parsed.eventTypes }),
      secrets: [{ secret, createdAt }],
      ...(parsed.startAfter === undefined ? {} : { startAfter: parsed.startAfter }),
      createdAt,
    });
    return { endpoint: toEndpoint(created), secret };
  }

  async get(id: string): Promise<WebhookEndpoint | undefined> {
    const found = await this.#store.getWebhookSubscription(parseInput(Id, id, { argument: 'id' }));
    return found === undefined ? undefined : toEndpoint(found);
  }

  async list(query?: EndpointListQuery): Promise<WebhookEndpoint[]> {
    const parsed = parseInput(EndpointListQuerySchema, query, { argument: 'query' }) ?? {};
    return (await this.#store.listWebhookSubscriptions(parsed)).map(toEndpoint);
  }

  /** Changes the URL (checked like `subscribe`'s) or the event types. */
  async update(id: string, patch: EndpointPatch): Promise<WebhookEndpoint> {
    const checkedId = parseInput(Id, id, { argument: 'id' });
    const parsed = parseInput(EndpointPatch, patch, { argument: 'patch' });
    if (parsed.url !== undefined) checkSubscriberUrl(parsed.url, this.#policy, 'patch.url');
    return toEndpoint(
      await this.#store.updateWebhookSubscription(checkedId, {
        ...parsed,
        updatedAt: this.#now().toISOString(),
      }),
    );
  }

  /**
   * A new secret for the endpoint. Until `overlapMs` (default 24 h) has passed, every delivery is
   * signed with the previous secret and the new one, so the receiver can switch at its own pace.
   */
  async rotateSecret(id: string, options?: RotateSecretOptions): Promise<EndpointWithSecret> {
    const current = await this.#require(id);
    const parsed = parseInput(RotateSecretOptions, options, { argument: 'options' }) ?? {};
    const now = this.#now();
    const expiresAt = new Date(now.getTime() + (parsed.overlapMs ?? DEFAULT_OVERLAP_MS)).toISOString();
    const secret = generateWebhookSecret();
    const kept = current.secrets
      .filter((item) => item.expiresAt === undefined || Date.parse(item.expiresAt) > now.getTime())
      .map((item) => ({ ...item, expiresAt: item.expiresAt ?? expiresAt }));
    const updated = await this.#store.updateWebhookSubscription(current.id, {
      secrets: [...kept, { secret, createdAt: now.toISOString() }],
      updatedAt: now.toISOString(),
    });
    return { endpoint: toEndpoint(updated), secret };
  }

  /** Enables the endpoint again; deliveries resume where its cursor stands, nothing is skipped. */
  async enable(id: string): Promise<WebhookEndpoint> {
    const current = await this.#require(id);
    return toEndpoint(
      await this.#store.updateWebhookSubscription(current.id, {
        status: 'enabled',
        updatedAt: this.#now().toISOString(),
      }),
    );
  }

  /** Pauses the endpoint: nothing is sent until it is enabled again (events keep being logged). */
  async disable(id: string, reason = 'disabled by the host'): Promise<WebhookEndpoint> {
    const current = await this.#require(id);
    const checkedReason = parseInput(DisableReason, reason, { argument: 'reason' });
    return toEndpoint(
      await this.#store.updateWebhookSubscription(current.id, {
        status: 'disabled',
        disabledReason: checkedReason,
        updatedAt: this.#now().toISOString(),
      }),
    );
  }

  /** Deletes the endpoint with its deliveries and attempts; false when there was none. */
  async remove(id: string): Promise<boolean> {
    return this.#store.deleteWebhookSubscription(parseInput(Id, id, { argument: 'id' }));
  }

  /** The endpoint's deliveries in creation order (status, attempts, next attempt, last answer). */
  async listDeliveries(query: DeliveryListQuery): Promise<WebhookDelivery[]> {
    const parsed = parseInput(DeliveryListQuery, query, { argument: 'query' });
    return this.#store.listWebhookDeliveries({
      subscriptionId: parsed.endpointId,
      status: parsed.status,
      after: parsed.after,
      limit: parsed.limit,
    });
  }

  /** Every attempt of a delivery: when, how long, the status code or error, the outcome. */
  async listAttempts(deliveryId: string): Promise<WebhookAttempt[]> {
    return this.#store.listWebhookAttempts(parseInput(Id, deliveryId, { argument: 'deliveryId' }));
  }

  async #require(id: string): Promise<WebhookSubscription> {
    const checked = parseInput(Id, id, { argument: 'id' });
    const found = await this.#store.getWebhookSubscription(checked);
    if (found === undefined) {
      throw new NotFoundError('No webhook endpoint with this id', { details: { endpointId: checked } });
    }
    return found;
  }
}
