// The modes' pure parts: threshold calibration, reading a plan, reading an agent turn, choosing context.
import { describe, expect, it } from 'vitest';
import { calibrateThreshold, PRIOR_THRESHOLD } from './cascade-threshold.ts';
import { readPlan } from './plan.ts';
import { readTurn } from './agent-protocol.ts';
import { selectContext, type Turn } from './context.ts';

describe('cascade threshold calibration', () => {
  const economics = { lambda: 0, cheapCost: 0.001, premiumCost: 0.01, premiumQuality: 0.9 };

  it('is the prior with no labelled point, and calibrated on data otherwise', () => {
    expect(calibrateThreshold([], economics)).toEqual({ value: PRIOR_THRESHOLD, calibratedOn: 0 });
    // The cheap model is right exactly when its score is at least 0.8: keep those, escalate the rest.
    const points = [0.2, 0.4, 0.6, 0.8, 1].map((score) => ({ score, cheapCorrect: score >= 0.8 ? 1 : 0 }));
    expect(calibrateThreshold(points, economics)).toEqual({ value: 0.8, calibratedOn: 5 });
  });

  it('keeps more cheap answers as cost weighs more', () => {
    const points = [0.2, 0.4, 0.6, 0.8, 1].map((score) => ({ score, cheapCorrect: score >= 0.8 ? 1 : score >= 0.4 ? 0.7 : 0 }));
    const cheapFirst = calibrateThreshold(points, { ...economics, lambda: 1 }).value;
    expect(cheapFirst).toBeLessThan(calibrateThreshold(points, economics).value);
  });

  it('never keeps when the cheap model is never right', () => {
    const points = [0.5, 1].map((score) => ({ score, cheapCorrect: 0 }));
    expect(calibrateThreshold(points, economics).value).toBe(1);
  });
});

describe('reading a plan', () => {
  it('takes the JSON out of a fence or the surrounding text', () => {
    expect(readPlan('Plan:\n```json\n{"subqueries":[{"query":"a"}]}\n```', 4)).toEqual({ ok: true, subqueries: [{ query: 'a' }] });
    expect(readPlan('ok {"subqueries":[{"query":"a","model":"m"}]} done', 4)).toEqual({
      ok: true,
      subqueries: [{ query: 'a', model: 'm' }],
    });
  });

  it('names what is wrong', () => {
    expect(readPlan('no json here', 4)).toEqual({ ok: false, error: 'no JSON object found' });
    expect(readPlan('{"subqueries": [', 4)).toMatchObject({ ok: false, error: expect.stringMatching(/^not JSON/) });
    expect(readPlan('{"subqueries":[{"query":"a"},{"query":"b"},{"query":"c"}]}', 2)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^subqueries: /),
    });
    expect(readPlan('{"subqueries":[{"query":"  "}]}', 2)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^subqueries\.0\.query: /),
    });
    expect(readPlan('{"steps":[]}', 2)).toMatchObject({ ok: false });
  });

  it("refuses plans without meaning: the prompt's placeholder, punctuation only, a repeated sub-query", () => {
    expect(readPlan('{"subqueries":[{"query":"..."}]}', 4)).toEqual({
      ok: false,
      error: 'subqueries.0.query: "..." is a placeholder, not a question: write out each sub-question',
    });
    expect(readPlan('{"subqueries":[{"query":"What is 2+2?"},{"query":" … "}]}', 4)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^subqueries\.1\.query: "…" is a placeholder/),
    });
    expect(readPlan('{"subqueries":[{"query":"Capital of France?"},{"query":"capital of  france"}]}', 4)).toEqual({
      ok: false,
      error: 'subqueries.1.query: repeats sub-query 1: each sub-query must ask something different',
    });
    expect(readPlan('{"subqueries":[{"query":"Capital of France?"},{"query":"Capital of Spain?"}]}', 4)).toMatchObject({ ok: true });
  });
});

describe('reading an agent turn', () => {
  it('reads a call, an answer, and breaks of the protocol', () => {
    expect(readTurn('<think>hm</think>\n<call> gpt-4o : what is 2+2?</call>')).toEqual({
      kind: 'call',
      think: 'hm',
      model: 'gpt-4o',
      query: 'what is 2+2?',
    });
    expect(readTurn('<answer>4</answer>')).toEqual({ kind: 'answer', answer: '4' });
    expect(readTurn('<search>Qwen2.5-7B: capital of France?</search>')).toEqual({
      kind: 'call',
      model: 'Qwen2.5-7B',
      query: 'capital of France?',
    });
    expect(readTurn('<call>a: b</call><answer>c</answer>')).toMatchObject({ kind: 'invalid', error: expect.stringMatching(/not both/) });
    expect(readTurn('just text')).toMatchObject({ kind: 'invalid', error: expect.stringMatching(/no <call>/) });
    expect(readTurn('<call>no colon here</call>')).toMatchObject({ kind: 'invalid', error: expect.stringMatching(/MODEL: question/) });
  });
});

describe('conversation context', () => {
  const v = (...x: number[]) => Float32Array.from(x);
  const earlier: Turn[] = [
    { user: 'a python question', assistant: 'py answer', embedding: v(1, 0, 0) },
    { user: 'a cooking question', assistant: 'food answer', embedding: v(0, 1, 0) },
    { user: 'more python', assistant: 'py again', embedding: v(0.9, 0.1, 0) },
  ];

  it('sends nothing, everything, or the k most similar earlier turns in conversation order', () => {
    expect(selectContext(earlier, { kind: 'current' }).messages).toEqual([]);
    expect(selectContext(earlier, { kind: 'full' }).userTexts).toEqual(['a python question', 'a cooking question', 'more python']);
    const similar = selectContext(earlier, { kind: 'similar', k: 2 }, v(1, 0.05, 0));
    expect(similar.userTexts).toEqual(['a python question', 'more python']);
    expect(similar.messages.map((m) => m.content)).toEqual(['a python question', 'py answer', 'more python', 'py again']);
  });

  it('needs embeddings for similar turns', () => {
    expect(() => selectContext(earlier, { kind: 'similar', k: 1 })).toThrow(/current message's embedding/);
    expect(() => selectContext([{ user: 'x' }], { kind: 'similar', k: 1 }, v(1))).toThrow(/turn 1 has no embedding/);
  });
});
