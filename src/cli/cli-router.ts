// The router the CLI routes with (`route`, `chat --router`): a trained router file, a shipped one (`irt`,
// `auto`, `bert`, pointed at the models that can be called), or a provider-calling router built on the spot
// (`automix`, `llm-router`) over those models; and the decision printed for a person or as JSON.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { requireKnown, unknownName } from './known-names.ts';
import { readRouterFile } from './router-file.ts';
import { embedTexts, projectEncoder, useEncoder } from './routing-data.ts';
import type { CatalogModel } from '../core/catalog/model.ts';
import type { Complete } from '../core/routers/complete.ts';
import { decide, type Decision, type Policy } from '../core/routers/decide.ts';
import { DEFAULT_ROUTER, SHIPPED_ROUTERS } from '../core/routers/default-router.ts';
import { withPriorsFor } from '../core/routers/with-priors.ts';
import { sameEncoder } from '../core/embed/encoder-record.ts';
import { verdict } from '../core/routers/verdict.ts';
import { createRouter, routers } from '../core/routers/registry.ts';
import type { Prediction, Router, RouterFile } from '../core/routers/router.ts';
import { checkRouterEncoder, encoderOfFile } from '../core/routers/shared/router-encoder.ts';
import type { Dtype } from '../core/embed/encoder-options.ts';
import { BERT_MODEL } from '../core/routers/bert.ts';
import { shippedModel, type NodeEmbedderOptions } from '../platform/node/encoder.ts';
import { publicDir } from '../platform/node/package-files.ts';

/** Whether `--router` names (rather than a file) a router that calls models to route: its declared input is 'provider'. */
export function isCallingRouter(given: string): boolean {
  return Object.hasOwn(routers, given) && routers[given]!.input === 'provider' && !existsSync(given);
}

/** The routers `--router` names without a file: bert, the shipped ones and those that call models. */
const namedRouters = () => ['bert', ...Object.keys(SHIPPED_ROUTERS), ...Object.keys(routers).filter(isCallingRouter)];

/** A router file path: the shipped bert (beside its model), irt or auto by name, else the path given, which must exist. */
function routerPath(given: string): string {
  if (given === 'bert') return `${shippedModel(BERT_MODEL)}/router.json`;
  const shipped = SHIPPED_ROUTERS[given];
  if (shipped) return join(publicDir, shipped);
  if (!existsSync(given)) {
    const named = namedRouters();
    throw unknownName(
      'router (not a file either)',
      given,
      named,
      `--router takes a router file from llmrouter train or one of ${named.join(', ')}`,
    );
  }
  return given;
}

export interface RouterPlace {
  /** The models routing may pick (the ones that can be called), cheapest first. */
  models: readonly CatalogModel[];
  complete: Complete;
  options?: Record<string, unknown>;
  /** The encoder the flags chose (--encoder, --dtype, ...); a router file's own when they name none. */
  encoder?: NodeEmbedderOptions;
}

export async function openRouter(given: string, place: RouterPlace): Promise<Router> {
  if (isCallingRouter(given)) return callingRouter(given, place);
  const { router, file } = await readRouterFile(routerPath(given), { complete: place.complete });
  if (router.input === 'embedding') await openEncoderOf(file, place.encoder ?? {});
  // A model-agnostic router (irt, auto, bert) routes among whatever models can be called; a trained one that
  // knows only some of them is completed by the default router's priors for the rest.
  if (router.retargetable && place.models.length > 0) router.serve(place.models);
  let defaultFile: RouterFile | undefined;
  const openDefault = async () => {
    const shipped = await readRouterFile(routerPath(DEFAULT_ROUTER), {});
    defaultFile = shipped.file;
    return shipped.router;
  };
  const readsSameVectors = (priors: Router) =>
    router.input !== 'embedding' ||
    priors.input !== 'embedding' ||
    !defaultFile ||
    sameEncoder(encoderOfFile(file), encoderOfFile(defaultFile));
  return withPriorsFor(router, place.models, openDefault, readsSameVectors);
}

/** Makes embedTexts use the encoder the file was trained with unless one was chosen; a different one is
 * refused, naming both. */
async function openEncoderOf(file: RouterFile, chosen: NodeEmbedderOptions): Promise<void> {
  const trainedWith = encoderOfFile(file);
  useEncoder({
    ...chosen,
    model: chosen.model ?? trainedWith.id,
    dtype: chosen.dtype ?? (chosen.model ? undefined : (trainedWith.dtype as Dtype | undefined)),
  });
  checkRouterEncoder(file, true, (await projectEncoder()).record);
}

/** automix (cheapest and dearest model as small and large) or llm-router (cheapest model as judge) over the models. */
async function callingRouter(name: string, place: RouterPlace): Promise<Router> {
  if (place.models.length < 2)
    throw new Error(`${name} routes among the models you can call: set keys (or --base-url) for at least two, or name them with --allowed`);
  const byPrice = [...place.models].sort((a, b) => a.input_price + a.output_price - (b.input_price + b.output_price));
  const defaults = name === 'automix' ? { small: byPrice[0]!.id, large: byPrice.at(-1)!.id } : { judge: byPrice[0]!.id };
  const router = createRouter(name, { ...defaults, ...place.options }, { complete: place.complete });
  const ids = place.models.map((m) => m.id);
  // They learn nothing from data: one empty sample carries the models and the catalog (prices for costs).
  await router.fit({ samples: [{ id: 'catalog', query: '', outcomes: {} }], embeddings: [], models: ids, catalog: place.models });
  return router;
}

/** The router's prediction and the shared decision for a query. Every model the policy allows must be one the router
 * estimates or the catalog (`catalogIds`) knows: an unknown id is refused naming the nearest. */
export async function routeText(
  router: Router,
  text: string,
  policy: Policy,
  catalogIds: readonly string[] = [],
): Promise<{ prediction: Prediction; decision: Decision }> {
  const embedding = router.input === 'embedding' ? (await embedTexts([text]))[0] : undefined;
  const prediction = await router.predict({ text, embedding });
  const known = [...new Set([...prediction.estimates.map((e) => e.model), ...catalogIds])];
  requireKnown('model in --allowed', policy.allowed ?? [], known, 'the router file and the catalog list them');
  return { prediction, decision: decide(prediction.estimates, policy) };
}

/** The decision as `route` prints it: the model, the explanation, every model's estimate and the neighbours. */
export function printDecision(
  { prediction, decision }: { prediction: Prediction; decision: Decision },
  json: boolean,
  print: (line: string) => void = console.log,
): void {
  if (json) {
    print(
      JSON.stringify({
        model: decision.model,
        verdict: verdict(decision.ranking),
        ranking: decision.ranking,
        explanation: prediction.explanation,
      }),
    );
    return;
  }
  print(decision.model);
  const words = verdict(decision.ranking);
  if (words) print(`  ${words}`);
  print(`  ${prediction.explanation.summary}`);
  const features = Object.entries(prediction.explanation.features ?? {});
  if (features.length > 0)
    print(`  ${features.map(([k, v]) => `${k}=${k === 'estimates_from' ? String(v) : String(v).slice(0, 60)}`).join('  ')}`);
  for (const r of decision.ranking)
    print(`  ${r.model.padEnd(32)} quality ${r.quality.toFixed(3)}  cost $${r.cost.toFixed(6)}  utility ${r.utility.toFixed(3)}`);
  for (const n of prediction.explanation.neighbours ?? [])
    print(`  neighbour ${n.similarity.toFixed(3)}  ${n.query.slice(0, 80).replace(/\s+/g, ' ')}`);
}
