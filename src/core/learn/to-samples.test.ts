import { describe, expect, it } from 'vitest';
import { logToSamples, weighted } from './to-samples.ts';
import { feedbackScore, type OutcomeRecord } from './outcome.ts';

const record = (over: Partial<OutcomeRecord>): OutcomeRecord => ({
  id: 'r1',
  type: 'routed-call',
  callId: 'c1',
  at: 1,
  query: 'What is 2+2?',
  router: 'knn',
  chosen: 'small',
  path: [{ model: 'small', kind: 'ok', latencyMs: 120 }],
  answeredBy: 'small',
  latency_ms: 120,
  input_tokens: 10,
  output_tokens: 5,
  answerCost: 0.0001,
  ...over,
});

describe('feedbackScore', () => {
  it('maps ratings onto [0,1], thumbs onto 0/1, and a regenerate onto 0', () => {
    expect(feedbackScore({ rating: 1 })).toBe(0);
    expect(feedbackScore({ rating: 4 })).toBe(0.75);
    expect(feedbackScore({ thumbs: 'up' })).toBe(1);
    expect(feedbackScore({ thumbs: 'down' })).toBe(0);
    expect(feedbackScore({ regeneratedWith: 'big' })).toBe(0);
    expect(feedbackScore({ thumbs: 'up', rating: 3 })).toBe(0.5);
    expect(feedbackScore(undefined)).toBeUndefined();
  });
});

describe('logToSamples', () => {
  it('skips answers without feedback and failed calls', () => {
    const { samples } = logToSamples([record({}), record({ id: 'r2', feedback: { thumbs: 'up' }, error: 'all providers failed' })]);
    expect(samples).toEqual([]);
  });

  it('joins answers to the same query into one sample with each model and its embedding', () => {
    const { samples, embeddings } = logToSamples([
      record({ id: 'a', at: 1, embedding: [1, 0], feedback: { regeneratedWith: 'big' } }),
      record({ id: 'b', at: 2, query: ' what is 2+2? ', chosen: 'big', answeredBy: 'big', answerCost: 0.01, feedback: { thumbs: 'up' } }),
      record({ id: 'c', at: 3, query: 'Write a poem', feedback: { rating: 5 } }),
    ]);
    expect(samples).toHaveLength(2);
    expect(samples[0]!.outcomes).toEqual({
      small: { score: 0, cost: 0.0001, input_tokens: 10, output_tokens: 5, latency_ms: 120 },
      big: { score: 1, cost: 0.01, input_tokens: 10, output_tokens: 5, latency_ms: 120 },
    });
    expect(Array.from(embeddings[0]!)).toEqual([1, 0]);
    expect(samples[1]!.outcomes.small!.score).toBe(1);
    expect(embeddings[1]).toBeUndefined();
  });
});

describe('weighted', () => {
  it('repeats each logged sample with its embedding under distinct ids', () => {
    const logged = logToSamples([record({ embedding: [1, 0], feedback: { thumbs: 'down' } })]);
    const heavy = weighted(logged, 3);
    expect(heavy.samples.map((s) => s.id)).toEqual(['log-r1', 'log-r1#2', 'log-r1#3']);
    expect(heavy.embeddings.every((e) => e === logged.embeddings[0])).toBe(true);
    expect(weighted(logged, 0).samples).toHaveLength(1);
  });
});
