// `llmrouter eval --router cascade` in-process on a native dataset whose cheap answers are kept: the JSON report
// counts both calls on escalated queries, and data without the cheap model's answers gets a clear error.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from './helpers/run-cli.ts';
import { writeNative } from '../src/core/data/native.ts';
import type { RoutingSample } from '../src/core/data/sample.ts';
import { main } from '../src/cli/main.ts';

const dir = mkdtempSync(join(tmpdir(), 'llmrouter-cascade-'));

function sample(i: number, withAnswers: boolean): RoutingSample {
  const a = 10 + (i % 37),
    b = 3 + (i % 11),
    right = i % 3 !== 0;
  const said = right ? a * b : a * b + 2;
  const response = withAnswers ? `${a} * ${b} = ${said}\n#### ${said}` : undefined;
  return {
    id: `q${i}`,
    query: `${a} boxes of ${b} pens: how many pens?`,
    outcomes: { small: { score: right ? 1 : 0, cost: 0.001, response }, large: { score: 1, cost: 0.02 } },
  };
}

function write(name: string, withAnswers: boolean): string {
  const file = join(dir, name);
  writeFileSync(file, writeNative(Array.from({ length: 200 }, (_, i) => sample(i, withAnswers))));
  return file;
}

const run = (...args: string[]) => runInProcess(main, args);

describe('llmrouter eval --router cascade', () => {
  it('prints the cascade report: calibrated point, curve with every call counted', async () => {
    const { code, out, err } = await run(
      'eval',
      '--router',
      'cascade',
      '--data',
      write('answers.jsonl', true),
      '--test-fraction',
      '0.3',
      '--json',
    );
    expect(err).toBe('');
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r).toMatchObject({ router: 'cascade', check: 'verifier', cheap: 'small', premium: 'large', n_test: 60 });
    expect(r.calibrated.quality_vs_premium).toBeGreaterThanOrEqual(0.95);
    expect(r.calibrated.cost_vs_premium).toBeLessThan(0.6);
    expect(r.curve.at(-1).cost).toBeCloseTo(60 * 0.021, 8);
  });

  it('fails with a clear message when the data keeps no answers of the cheap model', async () => {
    const { code, err } = await run('eval', '--router', 'cascade', '--data', write('bare.jsonl', false));
    expect(code).toBe(1);
    expect(err).toMatch(/cheap model's answers/);
  });
});
