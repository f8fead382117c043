import { describe, expect, it } from 'vitest';
import { DEFAULT_LAMBDA } from '../../core/routers/decide.ts';
import { SLIDER_MAX, lambdaAt, lambdaMeaning, positionOf } from './slider-scale.ts';

describe('cost/quality slider scale', () => {
  it('maps positions to lambda and back, with the default on a step', () => {
    expect(lambdaAt(0)).toBe(0);
    expect(lambdaAt(20)).toBe(1);
    expect(lambdaAt(SLIDER_MAX)).toBeCloseTo(100);
    for (let p = 0; p <= SLIDER_MAX; p++) expect(positionOf(lambdaAt(p))).toBe(p);
    expect(lambdaAt(positionOf(DEFAULT_LAMBDA))).toBeCloseTo(DEFAULT_LAMBDA);
  });

  it('says what lambda means in dollars per thousand messages', () => {
    expect(lambdaMeaning(0)).toBe('quality first: cost ignored');
    expect(lambdaMeaning(1)).toBe('1 point of quality is worth $1.0 per 1,000 messages');
    expect(lambdaMeaning(DEFAULT_LAMBDA)).toBe('1 point of quality is worth $6.3 per 1,000 messages');
    expect(lambdaMeaning(0.01)).toBe('1 point of quality is worth $100 per 1,000 messages');
  });
});
