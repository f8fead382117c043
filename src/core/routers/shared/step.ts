// Progress and cancellation inside a router's training loop, and the FitControl of a router trained inside another.
import type { FitControl } from '../router.ts';

/** Progress and cancellation inside a training loop; yields to the event loop so a worker sees cancel messages. */
export class Step {
  private last = 0;
  constructor(
    readonly control: FitControl,
    private readonly from = 0,
    private readonly to = 1,
  ) {}

  /** A step for one phase of training, covering [from, to] of this one's progress. */
  part(from: number, to: number): Step {
    const span = this.to - this.from;
    return new Step(this.control, this.from + from * span, this.from + to * span);
  }

  /** This step as the FitControl of a router trained inside another (its progress maps onto this step's span). */
  asControl(): FitControl {
    const { onProgress, signal } = this.control;
    return {
      ...(signal ? { signal } : {}),
      ...(onProgress ? { onProgress: (f: number) => onProgress(Math.min(0.999, this.from + f * (this.to - this.from))) } : {}),
    };
  }

  async at(fraction: number): Promise<void> {
    this.abortIfAsked();
    const now = Date.now();
    if (now - this.last < 50) return;
    this.last = now;
    this.control.onProgress?.(Math.min(0.999, this.from + fraction * (this.to - this.from)));
    await new Promise((r) => setTimeout(r, 0));
    this.abortIfAsked();
  }

  abortIfAsked(): void {
    if (this.control.signal?.aborted) throw new DOMException('training cancelled', 'AbortError');
  }
}
