// `llmrouter route`: loads a trained router file and decides which model should answer a query.
import type { Command } from '../command.ts';
import { existingFile, numberFlag, requiredFlag } from '../command.ts';
import { ENCODER_USAGE, embedTexts, encoderFlags, encoderOptions, projectEncoder, useEncoder } from '../routing-data.ts';
import { checkRouterEncoder, encoderOfFile } from '../../core/routers/shared/router-encoder.ts';
import type { RouterFile } from '../../core/routers/router.ts';
import type { Dtype } from '../../core/embed/encoder-options.ts';
import { UsageError } from '../usage-error.ts';
import { decide } from '../../core/routers/decide.ts';
import { loadRouter } from '../../core/routers/registry.ts';
import { readText } from '../../platform/node/files.ts';
import { openNodeClassifier, shippedModel } from '../../platform/node/encoder.ts';
import { BERT_MODEL } from '../../core/routers/bert.ts';

export const route: Command = {
  summary: 'pick the model for a query with a trained router',
  usage: `llmrouter route --router FILE|bert [--lambda 0] [--allowed MODEL,MODEL] [--budget USD] [--json] ${ENCODER_USAGE} "query"`,
  options: {
    router: { type: 'string' }, lambda: { type: 'string' }, allowed: { type: 'string' }, budget: { type: 'string' }, json: { type: 'boolean', default: false },
    ...encoderFlags,
  },
  async run({ values, positionals }) {
    const given = requiredFlag(values, 'router');
    // `bert` is shipped trained: its router file lies beside its model (public/models/bert-router/router.json)
    const path = existingFile(given === 'bert' ? `${shippedModel(BERT_MODEL)}/router.json` : given, 'router file');
    const text = positionals.join(' ');
    if (text.trim() === '') throw new UsageError('no query given');
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readText(path));
    } catch (e) {
      throw new Error(`${path}: not JSON (${(e as Error).message})`);
    }
    let router;
    try {
      router = loadRouter(parsed, { openClassifier: openNodeClassifier });
    } catch (e) {
      throw new Error(`${path}: ${(e as Error).message}`);
    }
    if (router.needsEmbedding) {
      // the file's own encoder unless --encoder names one; a different one is refused, naming both
      const file = parsed as RouterFile;
      const chosen = encoderOptions(values);
      const trainedWith = encoderOfFile(file);
      useEncoder({ ...chosen, model: chosen.model ?? trainedWith.id, dtype: chosen.dtype ?? (chosen.model ? undefined : (trainedWith.dtype as Dtype | undefined)) });
      checkRouterEncoder(file, true, (await projectEncoder()).record);
    }
    const embedding = router.needsEmbedding ? (await embedTexts([text]))[0] : undefined;
    const prediction = await router.predict({ text, embedding });
    const allowed = typeof values.allowed === 'string' ? values.allowed.split(',').map((m) => m.trim()) : undefined;
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
