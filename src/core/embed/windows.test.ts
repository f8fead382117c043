// Long texts are read whole: windows carry the model's special tokens, cover every token, and keep head and tail.
import { describe, expect, it } from 'vitest';
import { specialTokensOf, tokenWindows, truncatedWindow } from './windows.ts';
import { weightedMean } from './pooling.ts';

const bert = { prefix: [101], suffix: [102] };

describe('token windows', () => {
  it('finds the special tokens around a text', () => {
    expect(specialTokensOf([101, 7, 8, 102], [7, 8])).toEqual(bert);
    expect(specialTokensOf([7, 8], [7, 8])).toEqual({ prefix: [], suffix: [] });
  });

  it('keeps a short text in one window', () => {
    expect(tokenWindows([1, 2, 3], bert, 8, 4)).toEqual([{ ids: [101, 1, 2, 3, 102], tokens: 3 }]);
  });

  it('cuts a long text into windows that each fit and together hold every token', () => {
    const body = Array.from({ length: 14 }, (_, i) => i + 1);
    const windows = tokenWindows(body, bert, 6, 10);
    expect(windows.map((w) => w.ids.length).every((n) => n <= 6)).toBe(true);
    expect(windows.flatMap((w) => w.ids.slice(1, -1))).toEqual(body);
    expect(windows.map((w) => w.tokens)).toEqual([4, 4, 4, 2]);
  });

  it('keeps the head and the tail past the window limit', () => {
    const windows = tokenWindows(
      Array.from({ length: 10 }, (_, i) => i),
      { prefix: [], suffix: [] },
      2,
      3,
    );
    expect(windows.map((w) => w.ids)).toEqual([
      [0, 1],
      [2, 3],
      [8, 9],
    ]);
  });

  it('truncates to the first window when asked', () => {
    expect(truncatedWindow([1, 2, 3, 4], bert, 4)).toEqual([{ ids: [101, 1, 2, 102], tokens: 2 }]);
  });

  it('joins window vectors weighted by their tokens', () => {
    expect(Array.from(weightedMean([Float32Array.from([1, 0]), Float32Array.from([0, 1])], [3, 1]))).toEqual([0.75, 0.25]);
  });
});
