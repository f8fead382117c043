// One arm of a linear bandit: ridge regression of a model's reward on the query features, updated one outcome
// at a time (Sherman-Morrison on the inverse Gram matrix, O(d^2), no refit). Its mean is the estimate, its
// width sqrt(x' A^-1 x) the uncertainty LinUCB adds and linear Thompson sampling draws from. The state is
// Float32 arrays (computed in float64, stored in float32), so a saved arm loads back to the same numbers.
import { z } from 'zod';
import { f32 } from '../routers/shared/router-file.ts';

export const armSchema = z.object({ ainv: f32, b: f32, n: z.number().int().min(0) }).strict();
export type ArmState = z.infer<typeof armSchema>;

/** A fresh arm: A = ridge x I, b = 0. */
export function newArm(dim: number, ridge: number): ArmState {
  const ainv = new Float32Array(dim * dim);
  for (let i = 0; i < dim; i++) ainv[i * dim + i] = 1 / ridge;
  return { ainv, b: new Float32Array(dim), n: 0 };
}

export class LinearArm {
  readonly dim: number;
  private theta: Float64Array;
  private readonly ax: Float64Array;

  constructor(readonly state: ArmState) {
    this.dim = state.b.length;
    if (state.ainv.length !== this.dim * this.dim)
      throw new Error(`invalid arm: ainv has ${state.ainv.length} values, expected ${this.dim * this.dim}`);
    this.ax = new Float64Array(this.dim);
    this.theta = this.solve();
  }

  /** The estimated reward for features `x`. */
  mean(x: Float64Array): number {
    let s = 0;
    for (let i = 0; i < this.dim; i++) s += this.theta[i]! * x[i]!;
    return s;
  }

  /** sqrt(x' A^-1 x): how uncertain the estimate for `x` still is. */
  width(x: Float64Array): number {
    return Math.sqrt(Math.max(0, this.quadratic(x)));
  }

  /** Learns one observed reward for `x`. */
  update(x: Float64Array, reward: number): void {
    const d = this.dim;
    const denominator = 1 + this.quadratic(x);
    const { ainv, b } = this.state;
    for (let i = 0; i < d; i++) {
      const ai = this.ax[i]! / denominator;
      for (let j = 0; j < d; j++) ainv[i * d + j] = ainv[i * d + j]! - ai * this.ax[j]!;
    }
    for (let i = 0; i < d; i++) b[i] = b[i]! + reward * x[i]!;
    this.state.n++;
    this.theta = this.solve();
  }

  /** Changes the reward already learned for `x` by `delta` (a later, more explicit signal about the same answer). */
  revise(x: Float64Array, delta: number): void {
    const b = this.state.b;
    for (let i = 0; i < this.dim; i++) b[i] = b[i]! + delta * x[i]!;
    this.theta = this.solve();
  }

  /** x' A^-1 x, leaving A^-1 x in `this.ax`. */
  private quadratic(x: Float64Array): number {
    const d = this.dim;
    const ainv = this.state.ainv;
    let q = 0;
    for (let i = 0; i < d; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += ainv[i * d + j]! * x[j]!;
      this.ax[i] = s;
      q += s * x[i]!;
    }
    return q;
  }

  private solve(): Float64Array {
    const d = this.dim;
    const { ainv, b } = this.state;
    const theta = new Float64Array(d);
    for (let i = 0; i < d; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += ainv[i * d + j]! * b[j]!;
      theta[i] = s;
    }
    return theta;
  }
}
