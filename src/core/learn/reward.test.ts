import { describe, expect, it } from 'vitest';
import { rewardOf, rewardOfAll } from './reward.ts';
import { feedbackScore } from './outcome.ts';

describe('rewards of outcome signals', () => {
  it('maps each signal into [0,1] as the README documents', () => {
    expect(rewardOf({ kind: 'rating', value: 1 })).toBe(0);
    expect(rewardOf({ kind: 'rating', value: 4 })).toBe(0.75);
    expect(rewardOf({ kind: 'rating', value: 9 })).toBe(1);
    expect(rewardOf({ kind: 'thumbs', value: 'up' })).toBe(1);
    expect(rewardOf({ kind: 'thumbs', value: 'down' })).toBe(0);
    expect(rewardOf({ kind: 'regenerated-away' })).toBe(0);
    expect(rewardOf({ kind: 'regenerated-to' })).toBe(0.75);
    expect(rewardOf({ kind: 'edited-resent' })).toBe(0.25);
    expect(rewardOf({ kind: 'failed' })).toBe(0);
    expect(rewardOf({ kind: 'pipeline', score: 0.4 })).toBe(0.4);
    expect(rewardOf({ kind: 'pipeline', score: -2 })).toBe(0);
  });

  it('lets the most explicit signal decide, and says nothing without one', () => {
    expect(rewardOfAll([{ kind: 'regenerated-to' }, { kind: 'thumbs', value: 'down' }])).toBe(0);
    expect(
      rewardOfAll([
        { kind: 'thumbs', value: 'up' },
        { kind: 'rating', value: 3 },
      ]),
    ).toBe(0.5);
    expect(rewardOfAll([])).toBeUndefined();
    expect(feedbackScore({ preferredOver: 'small' })).toBe(0.75);
    expect(feedbackScore({ preferredOver: 'small', rating: 5 })).toBe(1);
  });
});
