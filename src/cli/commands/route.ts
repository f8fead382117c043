// `llmrouter route`: loads a router (a trained file; the shipped irt, the default, auto or bert; or the
// provider-calling automix or llm-router over the models whose keys are set) and decides which model should
// answer a query.
import type { Command } from '../command.ts';
import { numberFlag } from '../command.ts';
import { UsageError } from '../usage-error.ts';
import { isCallingRouter, openRouter, printDecision, routeText } from '../cli-router.ts';
import { cliProviders, providerFlags } from '../provider-env.ts';
import { ENCODER_USAGE, encoderFlags, encoderOptions, optionsFlag } from '../routing-data.ts';
import { catalogFlag, catalogModels, idsFlag } from '../catalog-flags.ts';
import { findModel } from '../../core/catalog/catalog.ts';
import { DEFAULT_ROUTER } from '../../core/routers/default-router.ts';
import { DEFAULT_LAMBDA } from '../../core/routers/decide.ts';
import { completeVia } from '../../core/routers/routed-complete.ts';

export const route: Command = {
  usage:
    'llmrouter route [--router FILE|irt|auto|bert|automix|llm-router] ' +
    '[--lambda L (default: the app setting)] [--allowed MODEL,MODEL] [--budget USD] [--options JSON] ' +
    '[--catalog FILE] [--base-url PROVIDER=URL]... ' +
    `[--json] ${ENCODER_USAGE} "query"`,
  options: {
    router: { type: 'string' },
    lambda: { type: 'string' },
    allowed: { type: 'string' },
    budget: { type: 'string' },
    options: { type: 'string' },
    catalog: { type: 'string' },
    ...providerFlags,
    json: { type: 'boolean', default: false },
    ...encoderFlags,
  },
  async run({ values, positionals }) {
    const given = typeof values.router === 'string' ? values.router : DEFAULT_ROUTER;
    const text = positionals.join(' ');
    if (text.trim() === '') throw new UsageError('no query given');
    const catalog = await catalogFlag(values);
    const providers = cliProviders(catalog.models, values);
    const allowed = idsFlag(values);
    const calling = isCallingRouter(given);
    // Routers that call models route among those that can be called; a loaded router keeps its own models,
    // and a model-agnostic one (irt, auto, bert) is pointed at the allowed models the catalog knows.
    const models = calling
      ? allowed
        ? catalogModels(catalog, allowed)
        : catalog.models.filter(providers.reachable)
      : (allowed ?? []).flatMap((id) => findModel(catalog, id) ?? []);
    const router = await openRouter(given, {
      models,
      complete: completeVia(providers.caller),
      options: optionsFlag(values),
      encoder: encoderOptions(values),
    });
    const budget = values.budget === undefined ? undefined : numberFlag(values, 'budget', 0);
    const routed = await routeText(
      router,
      text,
      { lambda: numberFlag(values, 'lambda', DEFAULT_LAMBDA), allowed, budget },
      catalog.models.map((m) => m.id),
    );
    printDecision(routed, values.json === true);
  },
};
