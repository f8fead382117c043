// Chromium side of the routing-time benchmark: trains each embedding router in the page on 10,000
// samples (random unit vectors of the encoder's 512 dimensions with random outcomes over the nine
// dcrouter models: routing time depends on sizes, not on what the vectors mean) and times 1,000
// predictions after the embedding. Results go to window.__results for the Playwright driver.
import { defaultCatalog } from '../../src/core/catalog/catalog.ts';
import { createRouter, routers } from '../../src/core/routers/registry.ts';
import type { TrainingData } from '../../src/core/routers/router.ts';
import { gaussian, normalised } from '../../src/core/routers/shared/vectors.ts';
import { mulberry32 } from '../../src/core/data/random.ts';

const N = 10_000,
  DIM = 512,
  QUERIES = 1000;
const MODELS = [
  'qwen2.5-7b-instruct',
  'llama3-chatqa-1.5-8b',
  'llama-3.1-nemotron-51b-instruct',
  'llama3-chatqa-1.5-70b',
  'mistral-7b-instruct-v0.3',
  'gemma-2-9b-it',
  'codegemma-7b',
  'llama-3.1-8b-instruct',
  'llama-3.3-nemotron-super-49b-v1',
];

function syntheticData(): TrainingData {
  const random = mulberry32(11);
  const vector = () => normalised(Float32Array.from({ length: DIM }, () => gaussian(random)));
  const skill = MODELS.map(() => 0.2 + 0.6 * random());
  const samples = Array.from({ length: N }, (_, i) => ({
    id: `s${i}`,
    query: `synthetic query ${i}`,
    task: ['mmlu', 'gsm8k', 'mbpp'][i % 3],
    outcomes: Object.fromEntries(MODELS.map((m, j) => [m, { score: random() < skill[j]! ? 1 : 0, cost: 1e-4 * (1 + j) }])),
  }));
  return { samples, embeddings: samples.map(vector), models: MODELS, catalog: defaultCatalog.models };
}

async function run() {
  const log = document.getElementById('log')!;
  const data = syntheticData();
  const random = mulberry32(12);
  const queries = Array.from({ length: QUERIES }, () => normalised(Float32Array.from({ length: DIM }, () => gaussian(random))));
  const results: { router: string; train_seconds: number; ms_per_query: number }[] = [];
  for (const [name, entry] of Object.entries(routers)) {
    if (entry.input !== 'embedding' || entry.fromRouter || entry.online) continue;
    log.textContent = `training ${name}…`;
    const router = createRouter(name);
    const t0 = performance.now();
    await router.fit(data);
    const trainSeconds = (performance.now() - t0) / 1000;
    for (let i = 0; i < 50; i++) await router.predict({ text: 'q', embedding: queries[i] });
    const t1 = performance.now();
    for (const q of queries) await router.predict({ text: 'synthetic query', embedding: q });
    results.push({ router: name, train_seconds: trainSeconds, ms_per_query: (performance.now() - t1) / QUERIES });
  }
  log.textContent = JSON.stringify(results, null, 1);
  (window as unknown as { __results: unknown }).__results = { userAgent: navigator.userAgent, samples: N, dim: DIM, results };
}

run().catch((e) => {
  (window as unknown as { __results: unknown }).__results = { error: String(e) };
});
