// `llmrouter route`: loads a trained router file and decides which model should answer a query.
import type { Command, FlagValues } from '../command.ts';
import { existingFile, numberFlag } from '../command.ts';
import { ENCODER_USAGE, embedTexts, encoderFlags, encoderOptions, projectEncoder, useEncoder } from '../routing-data.ts';
import { checkRouterEncoder, encoderOfFile } from '../../core/routers/shared/router-encoder.ts';
import type { RouterFile } from '../../core/routers/router.ts';
import type { Dtype } from '../../core/embed/encoder-options.ts';
import { UsageError } from '../usage-error.ts';
import { decide } from '../../core/routers/decide.ts';
import { readRouterFile } from '../router-file.ts';
import { shippedModel } from '../../platform/node/encoder.ts';
import { BERT_MODEL } from '../../core/routers/bert.ts';
import { DEFAULT_ROUTER, SHIPPED_ROUTERS, isRetargetable } from '../../core/routers/default-router.ts';
import { defaultCatalog, requireModel } from '../../core/catalog/catalog.ts';
import type { Router } from '../../core/routers/router.ts';
import { fileURLToPath } from 'node:url';

const publicDir = (path: string) => fileURLToPath(new URL(`../../../public/${path}`, import.meta.url));

/** A router file path: the shipped bert, irt or auto by name, else the path given. */
function routerPath(given: string): string {
  if (given === 'bert') return `${shippedModel(BERT_MODEL)}/router.json`;
  const shipped = SHIPPED_ROUTERS[given];
  return shipped ? publicDir(shipped) : given;
}

/** Points a model-agnostic router at the allowed models (catalog ids or API names). */
function serveAllowed(router: Router, allowed: readonly string[] | undefined): void {
  if (allowed && isRetargetable(router)) router.serve(allowed.map((m) => requireModel(defaultCatalog, m)));
}

export const route: Command = {
  summary: 'pick the model for a query with a trained router',
  usage: `llmrouter route [--router FILE|irt|auto|bert] [--lambda 0] [--allowed MODEL,MODEL] [--budget USD] [--json] ${ENCODER_USAGE} "query"`,
  options: {
    router: { type: 'string' }, lambda: { type: 'string' }, allowed: { type: 'string' }, budget: { type: 'string' }, json: { type: 'boolean', default: false },
    ...encoderFlags,
  },
  async run({ values, positionals }) {
    // With no --router, the app's default; bert's router file lies beside its model (public/models/bert-router/router.json)
    const given = typeof values.router === 'string' ? values.router : DEFAULT_ROUTER;
    const path = existingFile(routerPath(given), 'router file');
    const text = positionals.join(' ');
    if (text.trim() === '') throw new UsageError('no query given');
    const { router, file } = await readRouterFile(path);
    const allowed = typeof values.allowed === 'string' ? values.allowed.split(',').map((m) => m.trim()) : undefined;
    serveAllowed(router, allowed);
    if (router.needsEmbedding) await openEncoderOf(file, values);
    const embedding = router.needsEmbedding ? (await embedTexts([text]))[0] : undefined;
    const prediction = await router.predict({ text, embedding });
    const budget = values.budget === undefined ? undefined : numberFlag(values, 'budget', 0);
    const decision = decide(prediction.estimates, { lambda: numberFlag(values, 'lambda', 0), allowed, budget });
    if (values.json) {
      console.log(JSON.stringify({ model: decision.model, ranking: decision.ranking, explanation: prediction.explanation }));
      return;
    }
    console.log(decision.model);
    console.log(`  ${prediction.explanation.summary}`);
    const features = Object.entries(prediction.explanation.features ?? {});
    if (features.length > 0) console.log(`  ${features.map(([k, v]) => `${k}=${String(v).slice(0, 60)}`).join('  ')}`);
    for (const r of decision.ranking) console.log(`  ${r.model.padEnd(32)} quality ${r.quality.toFixed(3)}  cost $${r.cost.toFixed(6)}  utility ${r.utility.toFixed(3)}`);
    for (const n of prediction.explanation.neighbours ?? []) console.log(`  neighbour ${n.similarity.toFixed(3)}  ${n.query.slice(0, 80).replace(/\s+/g, ' ')}`);
  },
};

/** Makes embedTexts use the encoder the file was trained with unless --encoder names one; a different one is refused,
 * naming both. */
async function openEncoderOf(file: RouterFile, values: FlagValues): Promise<void> {
  const chosen = encoderOptions(values);
  const trainedWith = encoderOfFile(file);
  useEncoder({ ...chosen, model: chosen.model ?? trainedWith.id, dtype: chosen.dtype ?? (chosen.model ? undefined : (trainedWith.dtype as Dtype | undefined)) });
  checkRouterEncoder(file, true, (await projectEncoder()).record);
}

