import type {
  ApplyEntry,
  ApplyJournal,
  ApplyJournalStore,
  ApplyOutcome,
  BeginApply,
} from '../apply-journal.js';
import { applyTakeover, type JournalLease, journalLost, ownsJournal } from '../journal-rules.js';
import type { MemoryData } from './memory-data.js';

interface MemoryJournal extends JournalLease {
  readonly entries: Map<string, ApplyEntry>;
}

/** `ApplyJournalStore` in memory. */
export class MemoryJournals implements ApplyJournalStore {
  readonly #data: MemoryData;
  readonly #journals = new Map<string, MemoryJournal>();

  constructor(data: MemoryData) {
    this.#data = data;
  }

  async beginApply(input: BeginApply): Promise<{ journal: ApplyJournal; resumed: boolean }> {
    this.#data.ensureOpen();
    const existing = this.#journals.get(input.planId);
    const decision = applyTakeover(existing, input);
    if (decision === 'finished') return { journal: { ...existing!.journal }, resumed: false };
    const journal: ApplyJournal =
      existing?.journal ??
      ({
        planId: input.planId,
        planDigest: input.planDigest,
        status: 'running',
        startedAt: input.startedAt,
      } as const);
    this.#journals.set(input.planId, {
      journal,
      owner: input.owner,
      leaseUntil: input.leaseUntil,
      entries: existing?.entries ?? new Map(),
    });
    return { journal: { ...journal }, resumed: decision === 'resume' };
  }

  async renewApplyLease(planId: string, owner: string, leaseUntil: string): Promise<void> {
    const journal = this.#owned(planId, owner);
    this.#journals.set(planId, { ...journal, leaseUntil });
  }

  async recordApplyEntries(planId: string, owner: string, entries: readonly ApplyEntry[]): Promise<void> {
    const journal = this.#owned(planId, owner);
    for (const entry of entries) journal.entries.set(entry.actionId, structuredClone(entry));
  }

  async listApplyEntries(
    planId: string,
    page: { after?: string | undefined; limit: number },
  ): Promise<ApplyEntry[]> {
    this.#data.ensureOpen();
    const journal = this.#journals.get(planId);
    if (journal === undefined) return [];
    return [...journal.entries.values()]
      .filter((entry) => page.after === undefined || entry.actionId > page.after)
      .sort((a, b) => (a.actionId < b.actionId ? -1 : a.actionId > b.actionId ? 1 : 0))
      .slice(0, page.limit)
      .map((entry) => structuredClone(entry));
  }

  async finishApply(
    planId: string,
    owner: string,
    input: { readonly finishedAt: string; readonly outcome: ApplyOutcome },
  ): Promise<ApplyJournal> {
    const current = this.#owned(planId, owner);
    const journal: ApplyJournal = {
      ...current.journal,
      status: 'finished',
      finishedAt: input.finishedAt,
      outcome: { ...input.outcome },
    };
    this.#journals.set(planId, { ...current, journal, owner: undefined, leaseUntil: undefined });
    return { ...journal };
  }

  async releaseApply(planId: string, owner: string): Promise<void> {
    const journal = this.#owned(planId, owner);
    this.#journals.set(planId, { ...journal, owner: undefined, leaseUntil: undefined });
  }

  async getApplyJournal(planId: string): Promise<ApplyJournal | undefined> {
    this.#data.ensureOpen();
    const journal = this.#journals.get(planId)?.journal;
    return journal === undefined ? undefined : structuredClone(journal);
  }

  #owned(planId: string, owner: string): MemoryJournal {
    this.#data.ensureOpen();
    const journal = this.#journals.get(planId);
    if (!ownsJournal(journal, owner)) throw journalLost(planId);
    return journal!;
  }
}
