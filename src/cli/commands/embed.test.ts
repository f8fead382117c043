// `llmrouter embed`: real USE-lite embeddings in Node, JSON output, and clear usage errors.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../main.ts';

const logs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  logs.length = 0;
});
const capture = () => {
  vi.spyOn(console, 'log').mockImplementation((line: string) => void logs.push(line));
  vi.spyOn(console, 'error').mockImplementation((line: string) => void logs.push(line));
};

describe('llmrouter embed', () => {
  it('prints unit-length 512-d embeddings as JSON, similar texts closer than unrelated ones', async () => {
    capture();
    const code = await main(['embed', 'How do I sort a list in Python?', 'Sorting a Python list', 'The weather in Paris is sunny', '--json']);
    expect(code).toBe(0);
    const out = JSON.parse(logs[0]);
    expect(out).toMatchObject({ backend: 'wasm', dim: 512 });
    const [a, b, c] = out.embeddings as number[][];
    const dot = (x: number[], y: number[]) => x.reduce((s, v, i) => s + v * y[i], 0);
    expect(dot(a, a)).toBeCloseTo(1, 4);
    expect(dot(a, b)).toBeGreaterThan(dot(a, c) + 0.2);
  });

  it('prints one line per text without --json', async () => {
    capture();
    expect(await main(['embed', 'hello', 'world'])).toBe(0);
    expect(logs).toHaveLength(2);
    expect(logs[0]).toMatch(/^"hello": \[-?0\.\d{4}, .*\(512 dims, wasm\)$/);
  });

  it('names a missing model folder and exits 2', async () => {
    capture();
    expect(await main(['embed', 'hi', '--model', './no/such/model'])).toBe(2);
    expect(logs[0]).toContain('model not found: ./no/such/model');
  });
});
