// `llmrouter train`: fits a router on a dataset (any importer format) and writes its versioned JSON file.
import type { Command } from '../command.ts';
import { requiredFlag } from '../command.ts';
import { catalogFlag } from '../catalog-flags.ts';
import {
  DATA_USAGE,
  ENCODER_USAGE,
  dataFlags,
  encoderFlags,
  encoderFor,
  encoderOptions,
  optionsFlag,
  readData,
  trainingData,
  useEncoder,
} from '../routing-data.ts';
import { withEncoder } from '../../core/routers/shared/router-encoder.ts';
import { UsageError } from '../usage-error.ts';
import { fractionProgress } from '../progress.ts';
import { routerByName } from '../known-names.ts';
import { createRouter } from '../../core/routers/registry.ts';
import { writeTextAtomic } from '../../platform/node/files.ts';
import { openNodeClassifier } from '../../platform/node/encoder.ts';

export const train: Command = {
  usage: `llmrouter train --router NAME --data FILE --out FILE ${DATA_USAGE} ${ENCODER_USAGE}`,
  options: { router: { type: 'string' }, data: { type: 'string' }, out: { type: 'string' }, ...dataFlags, ...encoderFlags },
  async run({ values }) {
    const name = requiredFlag(values, 'router');
    const out = requiredFlag(values, 'out');
    const entry = routerByName(name);
    if (entry.evaluationOnly) throw new UsageError(`router "${name}" is for evaluation only (llmrouter eval)`);
    useEncoder(encoderOptions(values));
    const router = createRouter(name, optionsFlag(values), { openClassifier: openNodeClassifier });
    const needsEmbedding = router.input === 'embedding';
    const catalog = await catalogFlag(values);
    const data = await trainingData(await readData(requiredFlag(values, 'data'), values, catalog), needsEmbedding, catalog);
    const started = performance.now();
    await router.fit(data, { onProgress: fractionProgress(`training ${name}`, data.samples.length) });
    await writeTextAtomic(out, JSON.stringify(withEncoder(router.toJSON(), needsEmbedding, await encoderFor(needsEmbedding))));
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`trained ${name} on ${data.samples.length} queries over ${data.models.length} models in ${seconds} s: ${out}`);
  },
};
