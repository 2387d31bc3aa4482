import type { EventDraft, WebhookDisabledReason } from '../events/provision-event.js';
import { newEventId } from '../state/plan-change.js';
import type { WebhookSubscription } from '../state/webhook-records.js';

/** The provider a tenant-wide endpoint's `webhook.disabled` event is filed under. */
export const FRAMEWORK_PROVIDER = 'provisionkit';

/** The `webhook.disabled` event of an endpoint the worker disables. */
export function disabledEventDraft(
  subscription: WebhookSubscription,
  reason: WebhookDisabledReason,
  at: string,
  statusCode?: number,
): EventDraft {
  return {
    id: newEventId(),
    type: 'webhook.disabled',
    source: 'provisionkit',
    time: at,
    tenant: subscription.tenant,
    provider: subscription.provider ?? FRAMEWORK_PROVIDER,
    data: {
      subscriptionId: subscription.id,
      host: hostName(subscription.url),
      reason,
      ...(reason === 'failing' && subscription.failingSince !== undefined
        ? { failingSince: subscription.failingSince }
        : {}),
      ...(statusCode === undefined ? {} : { statusCode }),
    },
  };
}

function hostName(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}
