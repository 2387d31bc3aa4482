import type { ApplyProgress, PlanProgress, SyncProgress } from '@provisionkit/core';
import cliProgress from 'cli-progress';
import type { Printer } from '../cli-io.js';

/**
 * A line redrawn in place with counts and rate, on stderr only when it is a terminal (never in a
 * pipe, a log file or `--json` output). cli-progress redraws it and stops cleanly.
 */
class TerminalBar {
  readonly #bar: cliProgress.SingleBar | undefined;
  #started = 0;
  #initial = 0;
  #running = false;

  constructor(err: Printer, format: string, enabled: boolean) {
    if (!enabled || !err.isTTY) return;
    this.#bar = new cliProgress.SingleBar(
      {
        stream: err.stream as unknown as NodeJS.WritableStream,
        format,
        barsize: 30,
        hideCursor: true,
        clearOnComplete: false,
        // The stream is a terminal (checked above); cli-progress's own check sees only process.stderr.
        noTTYOutput: true,
        notTTYSchedule: 100,
        fps: 10,
      },
      cliProgress.Presets.shades_classic,
    );
  }

  /** Starts the line at `count` (work an earlier run did is not this run's rate), or moves it on. */
  show(count: number, total: number, payload: Record<string, unknown>): void {
    if (this.#bar === undefined) return;
    if (!this.#running) {
      this.#running = true;
      this.#started = Date.now();
      this.#initial = count;
      this.#bar.start(total, count, { ...payload, rate: '0' });
      return;
    }
    const seconds = (Date.now() - this.#started) / 1000;
    const rate = seconds <= 0 ? '0' : ((count - this.#initial) / seconds).toFixed(1);
    this.#bar.setTotal(total);
    this.#bar.update(count, { ...payload, rate });
  }

  /** Leaves the line as it is last drawn; the next `show` starts a new one. */
  stop(): void {
    if (!this.#running) return;
    this.#running = false;
    this.#bar?.stop();
  }
}

/** An apply's actions: a bar with done and failed counts, rate and time left. */
export class ProgressBar {
  readonly #bar: TerminalBar;

  constructor(err: Printer, label: string, enabled: boolean) {
    this.#bar = new TerminalBar(
      err,
      `${label} {bar} {value}/{total} | {failed} failed | {rate}/s | ETA {eta_formatted}`,
      enabled,
    );
  }

  update(progress: ApplyProgress): void {
    this.#bar.show(progress.done + progress.failed, progress.total, { failed: progress.failed });
  }

  stop(): void {
    this.#bar.stop();
  }
}

/**
 * A plan's or a sync's listings: users read from each directory so far and the rate (the total is
 * unknown). `label` names the command on the line (`plan`, `sync`).
 */
export class ListingProgress {
  readonly #bar: TerminalBar;

  constructor(err: Printer, label: string, enabled: boolean) {
    this.#bar = new TerminalBar(err, `${label} {connection}: {value} users listed | {rate}/s`, enabled);
  }

  update(progress: PlanProgress | SyncProgress): void {
    this.#bar.show(progress.listed, progress.listed, {
      connection: `${progress.tenant}/${progress.provider}`,
    });
    if (progress.finished) this.#bar.stop();
  }

  stop(): void {
    this.#bar.stop();
  }
}
