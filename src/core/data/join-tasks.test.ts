import { describe, expect, it } from 'vitest';
import { joinTasks, readTaskIndex } from './join-tasks.ts';

describe('joinTasks', () => {
  it('fills missing tasks by exact query text and names a bad line', () => {
    const index = readTaskIndex('{"task_name":"gsm8k","query":"1+1?"}\n{"task_name":"mmlu","query":"Capital?"}\n', 'q.jsonl');
    const samples = [
      { id: 'a', query: '1+1?', outcomes: {} },
      { id: 'b', query: 'other', outcomes: {} },
      { id: 'c', query: 'Capital?', task: 'kept', outcomes: {} },
    ];
    expect(joinTasks(samples, index)).toBe(1);
    expect(samples.map((s) => s.task)).toEqual(['gsm8k', undefined, 'kept']);
    expect(() => readTaskIndex('{"query":"x"}\n', 'q.jsonl')).toThrow(/q.jsonl, line 1, field "task_name"/);
  });
});
