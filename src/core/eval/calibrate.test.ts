import { describe, expect, it } from 'vitest';
import { lambdaForShare, premiumShare, thresholdForShare } from './calibrate.ts';

describe('threshold calibration', () => {
  it('picks the quantile that sends the target share above it', () => {
    const scores = Array.from({ length: 100 }, (_, i) => i / 100);
    const t = thresholdForShare(scores, 0.3);
    expect(scores.filter((s) => s >= t).length).toBe(30);
    expect(thresholdForShare(scores, 0)).toBe(Infinity);
  });

  it('finds the lambda that sends a target share to the premium model', () => {
    const predictions = Array.from({ length: 100 }, (_, i) => ({
      estimates: [
        { model: 'big', quality: 0.9, cost: 1 },
        { model: 'small', quality: 0.9 - i / 200, cost: 0.1 },
      ],
      explanation: { summary: '' },
    }));
    const premium = new Set(['big']);
    expect(premiumShare(predictions, premium, 0)).toBeCloseTo(0.99);
    const lambda = lambdaForShare(predictions, premium, 0.4);
    expect(premiumShare(predictions, premium, lambda)).toBeLessThanOrEqual(0.4);
    expect(premiumShare(predictions, premium, lambda * 0.9)).toBeGreaterThan(0.4);
  });
});
