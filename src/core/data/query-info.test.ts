import { describe, expect, it } from 'vitest';
import { dataErrorOf } from '../../../test/data-error-of.ts';
import { readQueryInfo, withQueryInfo } from './query-info.ts';

const queries = [
  '{"task_name":"gsm8k","query":"6 * 7?","ground_truth":42,"metric":"em","choices":null,"task_id":null}',
  '{"task_name":"mmlu","query":"Red planet?","ground_truth":"B","metric":null}',
].join('\n');

describe('query info join', () => {
  it('fills task, ground truth and metric by query text, keeping what a sample already has', () => {
    const info = readQueryInfo(queries, 'q.jsonl');
    const samples = withQueryInfo(
      [
        { id: 'a', query: '6 * 7?', outcomes: {} },
        { id: 'b', query: 'Red planet?', task: 'astronomy', outcomes: {} },
        { id: 'c', query: 'unknown', outcomes: {} },
      ],
      info,
    );
    expect(samples[0]).toEqual({ id: 'a', query: '6 * 7?', task: 'gsm8k', ground_truth: '42', metric: 'em', outcomes: {} });
    expect(samples[1]).toEqual({ id: 'b', query: 'Red planet?', task: 'astronomy', ground_truth: 'B', outcomes: {} });
    expect(samples[2]).toEqual({ id: 'c', query: 'unknown', outcomes: {} });
  });

  it('names file, line and field of a bad query row', () => {
    expect(dataErrorOf(() => readQueryInfo(queries + '\n{"query":"x"}', 'q.jsonl')).message).toMatch(
      /^q\.jsonl, line 3, field "task_name": /,
    );
  });
});
