import type { DrawRecorder } from './recorder.js';
import type { DrawBatch, DrawsCallback, MetricKind } from './types.js';

/** A batch goes out once this many rows wait, or this long after the last one (whichever first). */
export const BATCH_ROWS = 100;
export const BATCH_MS = 500;

/**
 * Sends a chain's kept sampling draws to onDraws in batches as the recorder fills. Called once per
 * kept draw, outside the transition: a count compare and a clock read; copies only when a batch goes.
 */
export class DrawStreamer {
  private sent = 0;
  private lastSent = performance.now();
  private adaptation: DrawBatch['adaptation'] | null = null;

  constructor(
    private readonly recorder: DrawRecorder,
    private readonly chain: number,
    private readonly emit: DrawsCallback,
  ) {}

  /**
   * Sampling begins: a first batch, of 0 rows, with the adaptation (what a CSV header needs), so a
   * receiver can write its head as soon as warmup ends, as CmdStan does.
   */
  begin(stepSize: number, metric: MetricKind, inverseMetric: Float64Array): void {
    this.adaptation = { stepSize, metric, inverseMetric: Float64Array.from(inverseMetric) };
    this.send(false);
  }

  /** After a kept draw: sends a batch when one is due. */
  recorded(): void {
    const waiting = this.recorder.count - this.sent;
    if (waiting >= BATCH_ROWS) this.send(false);
    else if (waiting > 0 && performance.now() - this.lastSent >= BATCH_MS) this.send(false);
  }

  /** Sampling ended (finished or stopped): the rest, marked last. */
  end(): void {
    this.send(true);
  }

  private send(last: boolean): void {
    const start = this.sent;
    const end = this.recorder.count;
    const { draws, stats } = this.recorder.copyRows(start, end);
    const batch: DrawBatch = { chain: this.chain, start, rows: end - start, draws, stats, last };
    if (this.adaptation) {
      batch.adaptation = this.adaptation;
      this.adaptation = null;
    }
    this.sent = end;
    this.lastSent = performance.now();
    this.emit(batch);
  }
}
