import { describe, expect, it } from 'vitest';
import { battles, bestModelLabels, scoreMatrix } from './outcomes.ts';
import type { TrainingData } from '../router.ts';

const o = (score: number, cost: number) => ({ score, cost });
const data: TrainingData = {
  models: ['dear', 'cheap', 'mid'],
  embeddings: [],
  samples: [
    { id: 'tie', query: 'a', outcomes: { dear: o(1, 0.01), cheap: o(1, 0.001), mid: o(0, 0.005) } },
    { id: 'close', query: 'b', outcomes: { dear: o(1, 0.01), cheap: o(0.9, 0.001), mid: o(0.5, 0.005) } },
    { id: 'missing', query: 'c', outcomes: { dear: o(0, 0.01), mid: o(0.5, 0.005) } },
  ],
};

describe('training labels', () => {
  it('ties go to the cheaper model, not the first in the file; a missing model is never the label', () => {
    expect(Array.from(bestModelLabels(scoreMatrix(data)))).toEqual([1, 0, 2]);
  });

  it('a cost weight really changes the label', () => {
    expect(Array.from(bestModelLabels(scoreMatrix(data), 0.5))).toEqual([1, 1, 2]);
  });

  it('battles are the pairs with different scores among models that were run', () => {
    const b = battles(scoreMatrix(data)).map((x) => `${x.sample}:${data.models[x.winner]}>${data.models[x.loser]}`);
    expect(b).toEqual(['0:dear>mid', '0:cheap>mid', '1:dear>cheap', '1:dear>mid', '1:cheap>mid', '2:mid>dear']);
  });
});
