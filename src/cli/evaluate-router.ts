// One evaluation run, shared by `llmrouter eval` and the benchmark: trains a router by name on the
// training samples (the oracle on the test set), routes the test set and measures training and routing time.
// With held-out models, training never sees their outcomes and the test chooses among them only.
import type { Catalog } from '../core/catalog/model.ts';
import type { RoutingSample } from '../core/data/sample.ts';
import { evaluate, type Evaluation } from '../core/eval/evaluate.ts';
import { routerByName } from './known-names.ts';
import { createRouter } from '../core/routers/registry.ts';
import type { Router } from '../core/routers/router.ts';
import { embedTexts, trainingData } from './routing-data.ts';
import { openNodeClassifier } from '../platform/node/encoder.ts';
import { UsageError } from './usage-error.ts';
import { fractionProgress, progressCallback } from './progress.ts';

export interface EvalRun {
  router: string;
  options?: Record<string, unknown>;
  train: RoutingSample[];
  test: RoutingSample[];
  catalog: Catalog;
  /** Models whose outcomes training never sees; the test chooses among them only. */
  holdOut?: readonly string[];
}

export interface EvalResult {
  evaluation: Evaluation;
  trained: Router;
  trainSeconds: number;
}

export async function runEvaluation(run: EvalRun): Promise<EvalResult> {
  const entry = routerByName(run.router);
  if (entry.input === 'provider')
    throw new UsageError(`router "${run.router}" calls providers: evaluate it through the provider layer, not offline`);
  if (entry.fromRouter)
    throw new UsageError(`router "${run.router}" is made from a trained router by local learning, not trained on a dataset`);
  const router = createRouter(run.router, run.options ?? {}, { openClassifier: openNodeClassifier });
  const hidden = new Set(run.holdOut ?? []);
  const train = hidden.size === 0 ? run.train : withoutModels(run.train, hidden);
  const fitOn = entry.evaluationOnly ? run.test : train;
  const data = await trainingData(fitOn, router.input === 'embedding', run.catalog);
  const started = performance.now();
  await router.fit(data, { onProgress: fractionProgress(`training ${run.router}`, data.samples.length) });
  const trainSeconds = (performance.now() - started) / 1000;
  const embeddings = router.input === 'embedding' ? await embedTexts(run.test.map((s) => s.query)) : [];
  const evaluation = await evaluate({
    router,
    test: run.test,
    embeddings,
    nTrain: fitOn.length,
    models: hidden.size > 0 ? [...hidden] : undefined,
    onProgress: progressCallback(`routing the test set with ${run.router}`),
  });
  return { evaluation, trained: router, trainSeconds };
}

/** The samples with the given models' outcomes removed (samples left with none are dropped). */
function withoutModels(samples: readonly RoutingSample[], hidden: ReadonlySet<string>): RoutingSample[] {
  return samples
    .map((s) => ({ ...s, outcomes: Object.fromEntries(Object.entries(s.outcomes).filter(([m]) => !hidden.has(m))) }))
    .filter((s) => Object.keys(s.outcomes).length > 0);
}
