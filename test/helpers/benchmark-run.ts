// The benchmark run the pipeline's tests share: LLMRouter's default_query_test.jsonl sampled 5 per task (seed 1),
// three fixture models served by the provider test server in fixture mode (strong, middling, weak; two on the
// local wire, one on the OpenAI wire with a key), and a catalog naming them.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readBenchmarkQueries, type BenchmarkItem } from '../../src/core/pipeline/benchmark-item.ts';
import { sampleItems } from '../../src/core/pipeline/sampler.ts';
import { buildBenchmarkFixture, type FixtureFault } from '../../test-server/benchmark-answers.ts';
import type { BenchmarkFixtureFile } from '../../test-server/benchmark-fixture.ts';

export const BENCH_MODELS = [
  { id: 'bench-strong', provider: 'openai', api_model: 'bench-strong', skill: 0.85, input_price: 2, output_price: 8 },
  { id: 'bench-mid', provider: 'local', api_model: 'bench-mid', skill: 0.55, input_price: 0.5, output_price: 1.5 },
  { id: 'bench-weak', provider: 'local', api_model: 'bench-weak', skill: 0.3, input_price: 0.1, output_price: 0.2 },
];

export function benchItems(queriesFile: string, perTask = 5, seed = 1): BenchmarkItem[] {
  return sampleItems(readBenchmarkQueries(readFileSync(queriesFile, 'utf8'), queriesFile), { perTask, seed });
}

export function benchFixture(items: readonly BenchmarkItem[], faults: readonly FixtureFault[] = []): BenchmarkFixtureFile {
  return buildBenchmarkFixture(items, BENCH_MODELS, faults);
}

/** Writes the catalog of the three models into `dir`; returns its path. */
export function writeBenchCatalog(dir: string): string {
  const path = join(dir, 'bench-catalog.json');
  const models = BENCH_MODELS.map(({ skill: _skill, ...m }) => ({ ...m, context_window: 32768, description: `${m.id} (fixture model)` }));
  writeFileSync(path, JSON.stringify({ models }));
  return path;
}
