// `llmrouter embed`: real USE-lite embeddings in Node, another encoder by --encoder, JSON output, clear usage errors.
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
    const code = await main([
      'embed',
      'How do I sort a list in Python?',
      'Sorting a Python list',
      'The weather in Paris is sunny',
      '--json',
    ]);
    expect(code).toBe(0);
    const out = JSON.parse(logs[0]);
    expect(out).toMatchObject({ backend: 'node', dim: 512, encoder: { id: 'use-lite', hash: '53ab0e345cdd53f3', pooling: 'none' } });
    const [a, b, c] = out.embeddings as number[][];
    const dot = (x: number[], y: number[]) => x.reduce((s, v, i) => s + v * y[i], 0);
    expect(dot(a, a)).toBeCloseTo(1, 4);
    expect(dot(a, b)).toBeGreaterThan(dot(a, c) + 0.2);
  });

  it('prints one line per text without --json', async () => {
    capture();
    expect(await main(['embed', 'hello', 'world'])).toBe(0);
    expect(logs).toHaveLength(2);
    expect(logs[0]).toMatch(/^"hello": \[-?0\.\d{4}, .*\(512 dims, node\)$/);
  });

  it('names a missing encoder and a wrong dtype, and exits 2', async () => {
    capture();
    expect(await main(['embed', 'hi', '--encoder', './no/such/model'])).toBe(2);
    expect(logs[0]).toContain('encoder "./no/such/model" not found');
    expect(await main(['embed', 'hi', '--dtype', 'int3'])).toBe(2);
    expect(logs[1]).toContain('--dtype must be one of fp32, fp16, q8, q4, got "int3"');
  });

  it('embeds with another encoder by folder, with its own pooling or one given', async () => {
    capture();
    const tiny = 'test/fixtures/tiny-bert';
    expect(await main(['embed', 'hello', '--encoder', tiny, '--dtype', 'fp16', '--json'])).toBe(0);
    expect(JSON.parse(logs[0]!)).toMatchObject({ dim: 32, encoder: { pooling: 'cls', dtype: 'fp16' } });
    expect(await main(['embed', 'hello', '--encoder', tiny, '--dtype', 'fp32', '--pooling', 'mean', '--json'])).toBe(0);
    expect(JSON.parse(logs[1]!)).toMatchObject({ encoder: { pooling: 'mean' } });
  });
});
