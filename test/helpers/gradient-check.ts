// Finite-difference gradient checks for the hand-written backward passes: each parameter entry is moved
// by +-eps (the step actually stored in float32 is used) and the central difference of the loss is
// compared with the analytic gradient.
import { expect } from 'vitest';

export interface GradientCase {
  /** The parameters, as the network holds them. */
  params: readonly Float32Array[];
  /** The loss at the current parameters. */
  loss: () => number;
  /** The analytic gradient at the current parameters, aligned with `params`. */
  gradient: () => readonly ArrayLike<number>[];
}

/** Asserts that every entry's analytic gradient matches the central difference within `tolerance` (relative, floored at `floor`). */
export function expectGradientsMatch(c: GradientCase, eps = 1e-3, tolerance = 2e-3, floor = 1e-4): void {
  const analytic = c.gradient().map((g) => Float64Array.from(g));
  let checked = 0;
  c.params.forEach((p, pi) => {
    for (let i = 0; i < p.length; i++) {
      const original = p[i]!;
      p[i] = original + eps;
      const up = p[i]!;
      const lossUp = c.loss();
      p[i] = original - eps;
      const down = p[i]!;
      const lossDown = c.loss();
      p[i] = original;
      const numeric = (lossUp - lossDown) / (up - down);
      const a = analytic[pi]![i]!;
      const error = Math.abs(numeric - a) / Math.max(floor, Math.abs(numeric) + Math.abs(a));
      expect(error, `parameter ${pi}[${i}]: analytic ${a}, numeric ${numeric}`).toBeLessThan(tolerance);
      checked++;
    }
  });
  expect(checked).toBeGreaterThan(0);
}
