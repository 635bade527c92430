/** An inclusive range of 0-based warmup iterations whose draws estimate one metric. */
export interface MetricWindow {
  start: number;
  end: number;
}

export interface WindowSchedule {
  numWarmup: number;
  /** Iterations before the first window (only the step size adapts). */
  initBuffer: number;
  /** Size of the first window; each next one doubles. */
  baseWindow: number;
  /** Iterations after the last window (only the step size adapts). */
  termBuffer: number;
  /** The metric windows in order; empty when numWarmup < 20 (no metric adaptation). */
  windows: MetricWindow[];
}

export interface WindowOptions {
  initBuffer?: number;
  baseWindow?: number;
  termBuffer?: number;
}

/**
 * Stan's windowed adaptation schedule. At a window end c the size doubles and the next end is
 * c + size, unless the window after it would not fit before the terminal buffer; then this one
 * is stretched to the iteration before the terminal buffer. When the default buffers do not fit,
 * they become 15% / 75% / 10% of the warmup (truncated), the middle being one window.
 */
export function windowSchedule(numWarmup: number, options: WindowOptions = {}): WindowSchedule {
  if (!Number.isInteger(numWarmup) || numWarmup < 0) {
    throw new RangeError(`numWarmup must be a non-negative integer, got ${numWarmup}`);
  }
  let initBuffer = options.initBuffer ?? 75;
  let baseWindow = options.baseWindow ?? 25;
  let termBuffer = options.termBuffer ?? 50;
  if (numWarmup < 20) return { numWarmup, initBuffer: 0, baseWindow: 0, termBuffer: 0, windows: [] };
  if (initBuffer + baseWindow + termBuffer > numWarmup) {
    initBuffer = Math.trunc(0.15 * numWarmup);
    termBuffer = Math.trunc(0.1 * numWarmup);
    baseWindow = numWarmup - (initBuffer + termBuffer);
  }

  const lastEnd = numWarmup - termBuffer - 1;
  const windows: MetricWindow[] = [];
  let size = baseWindow;
  let start = initBuffer;
  let end = initBuffer + baseWindow - 1;
  for (;;) {
    windows.push({ start, end });
    if (end >= lastEnd) break;
    start = end + 1;
    size *= 2;
    end += size;
    if (end + 2 * size >= numWarmup - termBuffer) end = lastEnd;
  }
  return { numWarmup, initBuffer, baseWindow, termBuffer, windows };
}
