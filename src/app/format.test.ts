import { describe, expect, it } from 'vitest';
import { embeddingDetail } from './format.ts';

describe('embeddingDetail', () => {
  it('says how far embedding got and the time left, in seconds or minutes', () => {
    expect(embeddingDetail({ done: 1280, total: 5608, secondsLeft: 40.4 })).toBe('embedding 1,280 / 5,608 queries, about 40 s left');
    expect(embeddingDetail({ done: 128, total: 5608, secondsLeft: 300 })).toBe('embedding 128 / 5,608 queries, about 5 min left');
    expect(embeddingDetail({ done: 5608, total: 5608, secondsLeft: 0 })).toBe('embedding 5,608 / 5,608 queries, done');
  });
});
