// The benchmark datasets, read from the shared data folder (never copied into the repository):
// LLMRouter's dcrouter split (tasks joined from its query files), RouteLLM's MMLU (57 subjects) and
// GSM8K files, each split 80/20 with seed 1 (MMLU stratified by subject).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultCatalog } from '../src/core/catalog/catalog.ts';
import { splitDataset } from '../src/core/data/split.ts';
import type { RoutingSample } from '../src/core/data/sample.ts';
import { readDatasets } from '../src/cli/read-dataset.ts';
import { readData } from '../src/cli/routing-data.ts';

export interface BenchDataset {
  name: string;
  train: RoutingSample[];
  test: RoutingSample[];
}

/** $LLMROUTER_SHARED/data, else ../shared/data beside the repository, else /work/shared/data. */
export function sharedDataDir(): string {
  const candidates = [process.env.LLMROUTER_SHARED, resolve('../shared'), '/work/shared'].filter((p): p is string => !!p);
  const root = candidates.find((p) => existsSync(resolve(p, 'data')));
  if (!root) throw new Error('shared routing data not found: set LLMROUTER_SHARED to the folder that holds data/');
  return resolve(root, 'data');
}

export const BENCH_DATASETS = ['dcrouter', 'routellm-mmlu', 'routellm-gsm8k'] as const;
export type BenchName = (typeof BENCH_DATASETS)[number];

/** The named datasets (default: all three), in BENCH_DATASETS order; only those named are read. */
export async function benchDatasets(names: readonly BenchName[] = BENCH_DATASETS): Promise<BenchDataset[]> {
  const data = sharedDataDir();
  const llm = (f: string) => resolve(data, 'llmrouter', f);
  const tasks = { from: 'auto', queries: [llm('default_query_train.jsonl'), llm('default_query_test.jsonl')] };
  const options = { catalog: defaultCatalog };
  const routellm = async (file: string) => (await readDatasets([resolve(data, 'routellm', file)], 'routellm', options)).samples;
  const read: Record<BenchName, () => Promise<BenchDataset>> = {
    dcrouter: async () => ({
      name: 'dcrouter',
      train: await readData(llm('dcrouter_train.json'), tasks, defaultCatalog),
      test: await readData(llm('dcrouter_test.json'), tasks, defaultCatalog),
    }),
    'routellm-mmlu': async () => ({
      name: 'routellm-mmlu',
      ...splitDataset(await routellm('mmlu'), { testFraction: 0.2, seed: 1, stratifyByTask: true }),
    }),
    'routellm-gsm8k': async () => ({
      name: 'routellm-gsm8k',
      ...splitDataset(await routellm('gsm8k_responses.csv'), { testFraction: 0.2, seed: 1 }),
    }),
  };
  const out: BenchDataset[] = [];
  for (const name of BENCH_DATASETS) if (names.includes(name)) out.push(await read[name]());
  return out;
}
