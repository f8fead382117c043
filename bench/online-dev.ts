// `npx tsx bench/online-dev.ts '<variants JSON>'`: the dev stream the online routers' defaults are chosen on, never
// the bench's: dcrouter's *training* split alone, streamed cold in seeded orders (seeds 11-16), each variant (a
// strategy and its options) scored on the final 1,000 queries against the best single model in hindsight.
// Variants: {"epsilon-greedy": [{}, {"plausibleWidths": 0}], ...}. Prints one line per variant, writes nothing.
import { benchDatasets } from './bench-data.ts';
import { embedTexts } from '../src/cli/routing-data.ts';
import { defaultCatalog } from '../src/core/catalog/catalog.ts';
import { modelsOf } from '../src/core/data/sample.ts';
import { createRouter } from '../src/core/routers/registry.ts';
import { CostModel } from '../src/core/routers/shared/cost-model.ts';
import { isOnlineRouter } from '../src/core/learn/online-router.ts';
import { simulate } from '../src/core/learn/simulate.ts';

const SEEDS = (process.env.DEV_SEEDS ?? '11,12,13,14,15,16').split(',').map(Number);

async function main() {
  const variants = JSON.parse(process.argv[2] ?? '{}') as Record<string, Record<string, unknown>[]>;
  const [dc] = await benchDatasets(['dcrouter']);
  const samples = dc!.train;
  const part = { samples, embeddings: await embedTexts(samples.map((s) => s.query)) };
  const models = modelsOf(samples);
  const costs = CostModel.fit({ samples, embeddings: [], models, catalog: defaultCatalog.models });
  for (const [name, list] of Object.entries(variants)) {
    for (const options of list) {
      const margins: number[] = [];
      let met = 0;
      for (const seed of SEEDS) {
        const router = createRouter(name, options);
        if (!isOnlineRouter(router)) throw new Error(`${name} is not online`);
        const r = await simulate({
          router: router.begin(models, costs, defaultCatalog.models),
          parts: [part],
          seed,
          lambda: 0,
          window: 1000,
        });
        const w = r.final_window;
        margins.push(w.quality - w.best_single.quality);
        if (w.quality >= w.best_single.quality && w.cost <= w.best_single.cost) met++;
      }
      const mean = margins.reduce((a, b) => a + b, 0) / margins.length;
      const shown = margins.map((m) => m.toFixed(4)).join(' ');
      console.log(
        `${name} ${JSON.stringify(options)}: met ${met}/${SEEDS.length}, margin mean ${mean.toFixed(4)} min ${Math.min(...margins).toFixed(4)} [${shown}]`,
      );
    }
  }
}

void main();
