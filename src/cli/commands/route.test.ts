// `llmrouter route --router bert`: the shipped bert router file and its int8 classifier, from the CLI in Node.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../main.ts';

const logs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  logs.length = 0;
});

describe('llmrouter route with the shipped routers', () => {
  it('uses the default irt router when no --router is given, among the allowed catalog models', async () => {
    vi.spyOn(console, 'log').mockImplementation((line: string) => void logs.push(line));
    const allowed = 'gpt-5-nano,gpt-5,claude-haiku-4-5,claude-opus-4-1';
    const code = await main([
      'route',
      '--lambda',
      '0',
      '--allowed',
      allowed,
      '--json',
      'Write a lock-free concurrent hash map in C++ with hazard pointers.',
    ]);
    expect(code).toBe(0);
    const out = JSON.parse(logs[0]!);
    expect(out.ranking.map((r: { model: string }) => r.model).sort()).toEqual(allowed.split(',').sort());
    expect(['gpt-5', 'claude-opus-4-1']).toContain(out.model);
    expect(out.explanation.features.abilities_from).toBe(`published benchmarks: ${allowed.replaceAll(',', ', ')}`);
  }, 60_000);

  it("serves catalog models through bert's model-agnostic path", async () => {
    vi.spyOn(console, 'log').mockImplementation((line: string) => void logs.push(line));
    const code = await main([
      'route',
      '--router',
      'bert',
      '--allowed',
      'gpt-5,gpt-5-nano',
      '--json',
      'Write a Python function that reverses a linked list.',
    ]);
    expect(code).toBe(0);
    const out = JSON.parse(logs[0]!);
    expect(out.ranking).toHaveLength(2);
    expect(out.explanation.features).toMatchObject({ path: 'model-agnostic' });
  }, 60_000);

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
