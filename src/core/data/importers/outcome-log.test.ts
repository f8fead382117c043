// The outcome log as a dataset: rated routed calls become samples, attempts are skipped, a log without any
// rating is refused, and a bad record is named by line and field.
import { describe, expect, it } from 'vitest';
import { DataError } from '../data-error.ts';
import { detectFormat } from './formats.ts';
import { importOutcomeLog } from './outcome-log.ts';

const call = (callId: string, query: string, answeredBy: string) => ({
  id: callId,
  type: 'routed-call',
  callId,
  at: 1,
  query,
  router: 'knn',
  chosen: answeredBy,
  path: [{ model: answeredBy, kind: 'ok', latencyMs: 5 }],
  answeredBy,
  latency_ms: 5,
  input_tokens: 3,
  output_tokens: 7,
  answerCost: 0.002,
});
const lines = (...records: object[]) => records.map((r) => JSON.stringify(r)).join('\n');

describe('the outcome-log importer', () => {
  it("turns rated calls into samples with the answering model's score and cost, skipping attempts", () => {
    const text = lines({ type: 'attempt', callId: 'c1' }, call('c1', 'sort a list', 'coder'), call('c2', 'unrated', 'coder'), {
      type: 'feedback',
      callId: 'c1',
      feedback: { rating: 5 },
    });
    expect(detectFormat(text, 'calls.jsonl')).toBe('outcome-log');
    const samples = importOutcomeLog(text, 'calls.jsonl');
    expect(samples).toHaveLength(1);
    expect(samples[0]).toMatchObject({
      query: 'sort a list',
      outcomes: { coder: { score: 1, cost: 0.002, input_tokens: 3, output_tokens: 7 } },
    });
  });

  it('refuses a log where nothing is rated, saying so', () => {
    expect(() => importOutcomeLog(lines(call('c1', 'q', 'coder')), 'calls.jsonl')).toThrow(/none of its 1 routed calls has feedback/);
  });

  it('names the line and field of a bad record', () => {
    const error = (() => {
      try {
        importOutcomeLog(lines(call('c1', 'q', 'coder'), { type: 'feedback', callId: 'c1', feedback: { rating: 9 } }), 'calls.jsonl');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).message).toMatch(/calls.jsonl, line 2, field "feedback.rating"/);
  });
});
