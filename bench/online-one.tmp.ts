import { benchDatasets } from './bench-data.ts';
import { embedTexts } from '../src/cli/routing-data.ts';
import { defaultCatalog } from '../src/core/catalog/catalog.ts';
import { modelsOf } from '../src/core/data/sample.ts';
import { routerClass } from '../src/core/routers/registry.ts';
import { CostModel } from '../src/core/routers/shared/cost-model.ts';
import { simulate } from '../src/core/learn/simulate.ts';
const [dc] = await benchDatasets(['dcrouter']);
const part = async (samples: typeof dc.train) => ({ samples, embeddings: await embedTexts(samples.map((s) => s.query)) });
const train = await part(dc!.train), test = await part(dc!.test);
const all = [...dc!.train, ...dc!.test];
const models = modelsOf(all);
const costs = CostModel.fit({ samples: all, embeddings: [], models, catalog: defaultCatalog.models });
for (const spec of process.argv.slice(2)) {
  const [name, seed] = spec.split(':');
  const opts = spec.split(':').slice(2).join(':') || '{}';
  const router = (routerClass(name!).create(JSON.parse(opts)) as any).begin(models, costs, defaultCatalog.models);
  const t = performance.now();
  const r = await simulate({ router, parts: [train, test], seed: Number(seed), lambda: 0, window: 1000 });
  const w = r.final_window;
  console.log(spec, `final ${w.quality.toFixed(4)} $${w.cost.toFixed(4)} | best ${w.best_single.quality.toFixed(4)} $${w.best_single.cost.toFixed(4)} | met ${w.quality >= w.best_single.quality && w.cost <= w.best_single.cost} | ${((performance.now() - t) / 1000).toFixed(0)}s`);
}
process.exit(0);
