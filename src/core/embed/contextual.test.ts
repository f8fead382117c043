import { describe, expect, it } from 'vitest';
import { contextualVector } from './contextual.ts';

describe('contextualVector', () => {
  it('keeps a first message as it is', () => {
    const q = Float32Array.from([1, 0]);
    expect(contextualVector(q, undefined)).toBe(q);
  });

  it('pulls a follow-up towards the previous turn and stays unit length', () => {
    const v = contextualVector(Float32Array.from([1, 0]), Float32Array.from([0, 1]));
    expect(v[0]).toBeGreaterThan(v[1]!);
    expect(v[1]).toBeGreaterThan(0);
    expect(Math.hypot(v[0]!, v[1]!)).toBeCloseTo(1, 6);
  });

  it('refuses vectors of different sizes', () => {
    expect(() => contextualVector(new Float32Array(2), new Float32Array(3))).toThrow('3 dimensions');
  });
});
