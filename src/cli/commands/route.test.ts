// `llmrouter route --router bert`: the shipped bert router file and its int8 classifier, from the CLI in Node.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../main.ts';

const logs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  logs.length = 0;
});

describe('llmrouter route --router bert', () => {
  it('routes with the shipped bert router and prints its decision, ranking and explanation', async () => {
    vi.spyOn(console, 'log').mockImplementation((line: string) => void logs.push(line));
    const code = await main(['route', '--router', 'bert', '--json', 'Write a Python function that reverses a linked list.']);
    expect(code).toBe(0);
    const out = JSON.parse(logs[0]!);
    expect(out.ranking).toHaveLength(9);
    expect(out.ranking.map((r: { model: string }) => r.model)).toContain(out.model);
    expect(out.explanation.features).toMatchObject({ path: 'per-model' });
    expect(typeof out.explanation.features.task).toBe('string');
  }, 60_000);
});
