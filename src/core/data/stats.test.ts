import { describe, expect, it } from 'vitest';
import { datasetStats } from './stats.ts';

describe('dataset statistics', () => {
  it('counts queries, per-model runs, mean score, total cost and estimated costs, and per-task counts', () => {
    const stats = datasetStats([
      { id: '1', query: 'a', task: 'mmlu', outcomes: { x: { score: 1, cost: 0.5 }, y: { score: 0, cost: 0.25, cost_estimated: true } } },
      { id: '2', query: 'b', task: 'mmlu', outcomes: { x: { score: 0, cost: 0.5 } } },
      { id: '3', query: 'c', task: 'gsm8k', outcomes: { x: { score: 0.5, cost: 1 } } },
    ]);
    expect(stats).toEqual({
      queries: 3,
      models: [
        { model: 'x', count: 3, meanScore: 0.5, totalCost: 2, estimatedCosts: 0 },
        { model: 'y', count: 1, meanScore: 0, totalCost: 0.25, estimatedCosts: 1 },
      ],
      tasks: { mmlu: 2, gsm8k: 1 },
    });
  });
});
