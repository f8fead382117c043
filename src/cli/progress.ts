// Progress of a long CLI step on stderr, with an ETA. On a terminal one line is redrawn in place (at most ten times a
// second) and ended when the step is; elsewhere (logs, CI, pipes) one line is printed at each tenth of the work.
// Steps of `minItems` items or fewer (default MIN_ITEMS) show nothing, so short runs and their tests stay quiet.
// Nothing is written to stdout: `--json` output stays one object.
export const MIN_ITEMS = 500;

/** A duration as `42s` or `3m05s`. */
export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

export interface Progress {
  /** `done` of the step's items; `detail` goes after the count; `etaMs` replaces the estimate from the rate so far. */
  update(done: number, detail?: string, etaMs?: number): void;
  end(): void;
}

export interface ProgressOptions {
  minItems?: number;
  /** Show a percentage only (the items are not countable, e.g. a router's training). */
  percentOnly?: boolean;
  stream?: NodeJS.WriteStream;
}

export function progress(label: string, total: number, options: ProgressOptions = {}): Progress {
  if (total <= (options.minItems ?? MIN_ITEMS)) return { update() {}, end() {} };
  return new ProgressLine(label, total, options.percentOnly === true, options.stream ?? process.stderr);
}

class ProgressLine implements Progress {
  private readonly started = performance.now();
  private lastDraw = -Infinity;
  private lastTenth = -1;
  private drawn = false;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly percentOnly: boolean,
    private readonly stream: NodeJS.WriteStream,
  ) {}

  update(done: number, detail?: string, etaMs?: number): void {
    if (this.stream.isTTY) {
      const now = performance.now();
      if (now - this.lastDraw < 100 && done < this.total) return;
      this.lastDraw = now;
      this.drawn = true;
      this.stream.write(`\r${this.line(done, detail, etaMs)}\u001b[K`);
      return;
    }
    const tenth = Math.floor((done / this.total) * 10);
    if (tenth === this.lastTenth) return;
    this.lastTenth = tenth;
    this.stream.write(`${this.line(done, detail, etaMs)}\n`);
  }

  end(): void {
    if (this.drawn) this.stream.write('\n');
  }

  private line(done: number, detail: string | undefined, etaMs: number | undefined): string {
    const elapsed = performance.now() - this.started;
    const eta = etaMs ?? (done > 0 ? (elapsed / done) * (this.total - done) : undefined);
    const share = `${((done / this.total) * 100).toFixed(1)}%`;
    const count = this.percentOnly ? share : `${done}/${this.total} (${share})`;
    return `[${this.label}] ${count}${detail ? `, ${detail}` : ''}, ETA ${eta === undefined ? '?' : duration(eta)}`;
  }
}

/** An onProgress(done, total) for a core step (routing a test set, replaying a stream): made on the first call,
 * ended at the last. */
export function progressCallback(label: string): (done: number, total: number) => void {
  let line: Progress | undefined;
  return (done, total) => {
    line ??= progress(label, total);
    line.update(done);
    if (done >= total) line.end();
  };
}

/** An onProgress(fraction) for a step measured as a fraction (a router's training) over `items` items. */
export function fractionProgress(label: string, items: number): (fraction: number) => void {
  const line = progress(label, items, { percentOnly: true });
  return (fraction) => {
    line.update(Math.round(fraction * items));
    if (fraction >= 1) line.end();
  };
}
