/**
 * `@provisionkit/core/store`: the building blocks of a `StateStore` implementation (the SQLite
 * store uses them). Every store decides versions, events, run transitions and delivery states
 * through these, so every store behaves alike and passes `describeStateStoreContract`. Hosts do
 * not need this entry; the `StateStore` interface and its records are on the main entry.
 */
import {
  hashContent as rawHashContent,
  parseStoredContent as rawParseStoredContent,
} from '../state/canonical-user.js';
import {
  applyTakeover as rawApplyTakeover,
  journalLost as rawJournalLost,
  ownsJournal as rawOwnsJournal,
} from '../state/journal-rules.js';
import {
  newEventId as rawNewEventId,
  planStagedChange as rawPlanStagedChange,
  planWrite as rawPlanWrite,
} from '../state/plan-change.js';
import {
  endedRun as rawEndedRun,
  interruptedRun as rawInterruptedRun,
  newRun as rawNewRun,
  runsToInterrupt as rawRunsToInterrupt,
  syncEventDraft as rawSyncEventDraft,
} from '../state/run-transitions.js';
import {
  formatCursor as rawFormatCursor,
  parseCursor as rawParseCursor,
  runNotFound as rawRunNotFound,
  storeClosed as rawStoreClosed,
  storeConflict as rawStoreConflict,
  subscriptionNotFound as rawSubscriptionNotFound,
} from '../state/store-errors.js';
import { withTypedArguments } from '../state/typed-arguments.js';
import {
  applySubscriptionPatch as rawApplySubscriptionPatch,
  deliveryAfterAttempt as rawDeliveryAfterAttempt,
  deliveryId as rawDeliveryId,
  failingSinceAfter as rawFailingSinceAfter,
  matchesSubscription as rawMatchesSubscription,
  newDelivery as rawNewDelivery,
  newSubscription as rawNewSubscription,
} from '../state/webhook-rules.js';

export {
  type SnapshotUser,
  TRACKED_FIELDS,
  type TrackedField,
  UserCanonicalizer,
} from '../state/canonical-user.js';
export type { JournalLease } from '../state/journal-rules.js';
export type { Plan, PlanContext, UserWrite } from '../state/plan-change.js';
export type { RunLease } from '../state/run-transitions.js';
export type { ListedChange, StagedChange } from '../state/staged-change.js';
export type { ConflictReason } from '../state/store-errors.js';

/** SHA-1 (base64url) of a canonical JSON: the snapshot hash before digests (`UserCanonicalizer.digest`). */
export const hashContent = withTypedArguments('hashContent', rawHashContent);
/** The user a stored canonical JSON describes. */
export const parseStoredContent = withTypedArguments('parseStoredContent', rawParseStoredContent);
export const newEventId = withTypedArguments('newEventId', rawNewEventId);
/** What a staged change does to the current row: versions, the event, or nothing (stale or same). */
export const planStagedChange = withTypedArguments('planStagedChange', rawPlanStagedChange);
/** What a write made through the framework does to the current row. */
export const planWrite = withTypedArguments('planWrite', rawPlanWrite);
export const runsToInterrupt = withTypedArguments('runsToInterrupt', rawRunsToInterrupt);
export const newRun = withTypedArguments('newRun', rawNewRun);
export const endedRun = withTypedArguments('endedRun', rawEndedRun);
export const interruptedRun = withTypedArguments('interruptedRun', rawInterruptedRun);
export const syncEventDraft = withTypedArguments('syncEventDraft', rawSyncEventDraft);
export const storeConflict = withTypedArguments('storeConflict', rawStoreConflict);
export const runNotFound = withTypedArguments('runNotFound', rawRunNotFound);
export const subscriptionNotFound = withTypedArguments('subscriptionNotFound', rawSubscriptionNotFound);
export const storeClosed = withTypedArguments('storeClosed', rawStoreClosed);
/** A log cursor as a position; `invalid_input` on `path` for anything else. */
export const parseCursor = withTypedArguments('parseCursor', rawParseCursor);
export const formatCursor = withTypedArguments('formatCursor', rawFormatCursor);
export const newSubscription = withTypedArguments('newSubscription', rawNewSubscription);
export const applySubscriptionPatch = withTypedArguments('applySubscriptionPatch', rawApplySubscriptionPatch);
export const matchesSubscription = withTypedArguments('matchesSubscription', rawMatchesSubscription);
export const deliveryId = withTypedArguments('deliveryId', rawDeliveryId);
export const newDelivery = withTypedArguments('newDelivery', rawNewDelivery);
export const deliveryAfterAttempt = withTypedArguments('deliveryAfterAttempt', rawDeliveryAfterAttempt);
/** An endpoint's `failingSince` after an attempt: cleared by a success, started by a first failure. */
export const failingSinceAfter = withTypedArguments('failingSinceAfter', rawFailingSinceAfter);
/** What `beginApply` does with a plan's journal: start it, return it finished, or take it over. */
export const applyTakeover = withTypedArguments('applyTakeover', rawApplyTakeover);
/** Whether `owner` still holds the plan's running journal (else throw `journalLost`). */
export const ownsJournal = withTypedArguments('ownsJournal', rawOwnsJournal);
/** The `lease_lost` conflict of a journal another process took over. */
export const journalLost = withTypedArguments('journalLost', rawJournalLost);
