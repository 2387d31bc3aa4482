import type { ApplyProgress } from '@provisionkit/core';
import cliProgress from 'cli-progress';
import type { Printer } from '../cli-io.js';

/**
 * A progress bar with counts and rate, drawn on stderr only when it is a terminal (never in a pipe,
 * a log file or `--json` output). cli-progress redraws in place and stops cleanly.
 */
export class ProgressBar {
  readonly #bar: cliProgress.SingleBar | undefined;
  readonly #started = Date.now();
  #total = 0;
  #initial = 0;

  constructor(err: Printer, label: string, enabled: boolean) {
    if (!enabled || !err.isTTY) return;
    this.#bar = new cliProgress.SingleBar(
      {
        stream: err.stream as unknown as NodeJS.WritableStream,
        format: `${label} {bar} {value}/{total} | {failed} failed | {rate}/s | ETA {eta_formatted}`,
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

  update(progress: ApplyProgress): void {
    if (this.#bar === undefined) return;
    if (this.#total === 0) {
      this.#total = progress.total;
      this.#initial = progress.done + progress.failed;
      this.#bar.start(progress.total, this.#initial, { failed: progress.failed, rate: '0' });
    } else {
      const count = progress.done + progress.failed;
      this.#bar.update(count, { failed: progress.failed, rate: this.#rate(count) });
    }
  }

  stop(): void {
    this.#bar?.stop();
  }

  #rate(count: number): string {
    const seconds = (Date.now() - this.#started) / 1000;
    // Actions done by an earlier, interrupted run are not this run's rate.
    return seconds <= 0 ? '0' : ((count - this.#initial) / seconds).toFixed(1);
  }
}
