// llm_judge: the rating read from real judge replies (RouteLLM's MT-Bench GPT-4 judgements), normalised; a judge
// called over the provider layer's Complete interface.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../../test/shared-data.ts';
import { llmJudgeScore, parseRating } from './llm-judge.ts';

describe('llm_judge', () => {
  it.skipIf(!sharedData)('reads the rating of every real GPT-4 judgement as its recorded score', () => {
    const rows = readFileSync(join(sharedData!, 'routellm/mt_bench_judgements.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(rows.length).toBeGreaterThanOrEqual(10);
    for (const row of rows) expect(parseRating(row.judgment), row.judgment.slice(-80)).toBe(row.score === -1 ? undefined : row.score);
  });

  it('normalises 1-10 to [0,1] and refuses a reply without a rating', async () => {
    const judge = (text: string) => async () => ({ text, cost: 0.001 });
    await expect(llmJudgeScore('a', 'q', 'r', judge('Correct and complete. Rating: [[10]]'), 'm')).resolves.toEqual({
      score: 1,
      cost: 0.001,
    });
    await expect(llmJudgeScore('a', 'q', 'r', judge('Mostly right. Rating: [[7]]'), 'm')).resolves.toEqual({ score: 6 / 9, cost: 0.001 });
    await expect(llmJudgeScore('a', 'q', 'r', judge('Rating: 1'), 'm')).resolves.toEqual({ score: 0, cost: 0.001 });
    await expect(llmJudgeScore('a', 'q', 'r', judge('I cannot rate this.'), 'm')).rejects.toThrow('gave no rating');
  });
});
