// `llmrouter chat`: one message from the command line. With --model, that model (and --fallback ones) answers;
// with --router (FILE, irt, auto, bert; irt by default when --mode is given) the message is routed first among the
// models whose keys are set (or --allowed), then sent (LLMRouter's `infer`), in the chosen mode: single (the
// pick, with the ranking as fallbacks, streamed), cascade, llm-router, decompose or agent, whose steps are
// printed on stderr. --route-only prints the decision. Keys come from environment variables (provider-env.ts).
// The answer comes from the engine (core/engine); this file parses flags and prints its events. --log appends every
// attempt and the outcome record.
import type { Command, FlagValues } from '../command.ts';
import { numberFlag } from '../command.ts';
import { DEFAULT_LAMBDA } from '../../core/routers/decide.ts';
import { UsageError } from '../usage-error.ts';
import { catalogFlag, catalogModels, idsFlag } from '../catalog-flags.ts';
import { openRouter, printDecision, routeText } from '../cli-router.ts';
import { describeResult, describeStep } from '../mode-steps.ts';
import { cliProviders, providerFlags, type CliProviders } from '../provider-env.ts';
import { embedTexts, optionsFlag } from '../routing-data.ts';
import { answerWith } from '../../core/engine/engine.ts';
import { failureMessage } from '../../core/engine/ending.ts';
import { loggedRecord } from '../../core/engine/record.ts';
import { engineRouter } from '../../core/engine/router.ts';
import type { AnswerRequest, EngineParts } from '../../core/engine/types.ts';
import { calibrationPointSchema, type CalibrationPoint } from '../../core/modes/cascade-threshold.ts';
import { MODE_NAMES, type ModeName } from '../../core/modes/mode.ts';
import type { ModeOptions } from '../../core/modes/run-mode.ts';
import type { RoutedEvent } from '../../core/providers/routed-call.ts';
import type { ChatMessage } from '../../core/providers/types.ts';
import type { Catalog } from '../../core/catalog/model.ts';
import { DEFAULT_ROUTER } from '../../core/routers/default-router.ts';
import { completeVia } from '../../core/routers/routed-complete.ts';
import { readText } from '../../platform/node/files.ts';
import { appendJsonLine, jsonlOutcomeSink } from '../../platform/node/outcome-jsonl.ts';

function describe(event: RoutedEvent): string | undefined {
  if (event.type === 'failed') {
    const delay = event.delayMs !== undefined ? ` in ${Math.round(event.delayMs)} ms` : '';
    return `[${event.model} failed (${event.kind}): ${event.message}; ${event.next}${delay}]`;
  }
  if (event.type === 'fallback') return `[falling back from ${event.from} to ${event.to}${event.resumed ? ', continuing the answer' : ''}]`;
  if (event.type === 'skipped') return `[skipped ${event.model}: ${event.reason}]`;
  return undefined;
}

const positive = (values: FlagValues, name: string): number | undefined => {
  if (values[name] === undefined) return undefined;
  const n = numberFlag(values, name, 0);
  if (!(n > 0)) throw new UsageError(`--${name} must be positive`);
  return n;
};

export const chat: Command = {
  usage:
    'llmrouter chat (--model ID [--fallback ID,ID] | ' +
    '--router FILE|irt|auto|bert [--route-only] [--mode single|cascade|llm-router|decompose|agent] ' +
    '[--lambda L (default: the app setting)] [--allowed A,B] [--options JSON] ' +
    '[--max-rounds N] [--max-cost USD] [--max-parts N] [--assign router|planner] ' +
    '[--calibration FILE.jsonl] [--check self-verify|on-device]) ' +
    '[--catalog FILE] [--base-url PROVIDER=URL]... ' +
    '[--system TEXT] [--max-tokens N] [--on-cut resume|stop] [--log FILE.jsonl] "message"',
  options: {
    model: { type: 'string' },
    fallback: { type: 'string' },
    router: { type: 'string' },
    'route-only': { type: 'boolean', default: false },
    mode: { type: 'string' },
    lambda: { type: 'string' },
    allowed: { type: 'string' },
    options: { type: 'string' },
    'max-rounds': { type: 'string' },
    'max-cost': { type: 'string' },
    'max-parts': { type: 'string' },
    assign: { type: 'string' },
    calibration: { type: 'string' },
    check: { type: 'string' },
    catalog: { type: 'string' },
    ...providerFlags,
    system: { type: 'string' },
    'max-tokens': { type: 'string' },
    'on-cut': { type: 'string' },
    log: { type: 'string' },
  },
  async run({ values, positionals }) {
    const message = positionals.join(' ').trim();
    if (!message) throw new UsageError('chat: give the message to send');
    const onCut = values['on-cut'] ?? 'resume';
    if (onCut !== 'resume' && onCut !== 'stop') throw new UsageError(`--on-cut must be resume or stop, got "${String(onCut)}"`);
    const maxTokens = values['max-tokens'] === undefined ? undefined : Number(values['max-tokens']);
    if (maxTokens !== undefined && !(Number.isInteger(maxTokens) && maxTokens > 0))
      throw new UsageError('--max-tokens must be a positive integer');
    const mode = (values.mode ?? 'single') as ModeName;
    if (!MODE_NAMES.includes(mode)) throw new UsageError(`--mode must be one of ${MODE_NAMES.join(', ')}, got "${String(values.mode)}"`);
    const routed = values.router !== undefined || values.mode !== undefined || values['route-only'] === true;
    if (routed === (typeof values.model === 'string')) throw new UsageError('give either --model (and --fallback) or --router/--mode');
    const catalog = await catalogFlag(values);
    const providers = cliProviders(catalog.models, values, {
      policy: { midStream: onCut },
      ...(typeof values.log === 'string' ? { sink: jsonlOutcomeSink(values.log) } : {}),
    });
    const abort = new AbortController();
    process.once('SIGINT', () => abort.abort());
    const setup: ChatSetup = {
      message,
      catalog,
      providers,
      history: typeof values.system === 'string' ? [{ role: 'system', content: values.system }] : [],
      maxTokens,
      signal: abort.signal,
      ...(typeof values.log === 'string' ? { log: values.log } : {}),
    };
    if (routed) return routedChat(setup, values, mode);
    const fallbacks = typeof values.fallback === 'string' ? values.fallback.split(',') : [];
    const models = catalogModels(catalog, [values.model as string, ...fallbacks].map((m) => m.trim()).filter(Boolean), 'model');
    const forced = { models: models.map((m) => m.id), by: 'direct' as const };
    return answered(setup, { caller: providers.caller, models }, { policy: { lambda: 0 }, forced });
  },
};

/** What one chat message needs, whatever answers it. */
interface ChatSetup {
  message: string;
  catalog: Catalog;
  providers: CliProviders;
  /** The system message, when given. */
  history: ChatMessage[];
  maxTokens: number | undefined;
  signal: AbortSignal;
  /** Where --log appends the outcome record (beside the attempts). */
  log?: string;
}

/** Routes the message among the models that can be called, then answers it in the mode asked for. */
async function routedChat(setup: ChatSetup, values: FlagValues, mode: ModeName): Promise<void> {
  const { message, catalog, providers } = setup;
  const allowed = idsFlag(values);
  const models = allowed ? catalogModels(catalog, allowed) : catalog.models.filter(providers.reachable);
  if (models.length === 0)
    throw new UsageError(
      'no model can be called: set a provider key (e.g. OPENAI_API_KEY) or --base-url, or name the models with --allowed',
    );
  const place = { models, complete: completeVia(providers.caller), options: optionsFlag(values) };
  const router = await openRouter(typeof values.router === 'string' ? values.router : DEFAULT_ROUTER, place);
  const policy = { lambda: numberFlag(values, 'lambda', DEFAULT_LAMBDA), allowed: models.map((m) => m.id) };
  if (values['route-only']) return printDecision(await routeText(router, message, policy), false);
  const parts: EngineParts = { router: engineRouter(router), encoder: { embed: embedTexts }, caller: providers.caller, models };
  return answered(setup, parts, { policy, mode, modeOptions: await modeOptions(values, policy.lambda, setup.maxTokens) });
}

/** Answers through the engine: the text streamed to stdout; the route, fallbacks, a mode's steps and the cost on stderr. */
async function answered(setup: ChatSetup, parts: EngineParts, ask: Omit<AnswerRequest, 'messages'>): Promise<void> {
  const messages = [...setup.history, { role: 'user' as const, content: setup.message }];
  const request = { ...ask, messages, signal: setup.signal, ...(setup.maxTokens ? { maxTokens: setup.maxTokens } : {}) };
  const single = (ask.mode ?? 'single') === 'single';
  const done = await answerWith(parts, request, (event) => {
    const { routing } = event.type === 'decision' ? event : {};
    if (routing?.routed && single) process.stderr.write(`[routed to ${routing.chain[0]} by ${routing.router}]\n`);
    if (event.type === 'text') process.stdout.write(event.text);
    if (event.type === 'step') process.stderr.write(`${describeStep(event.step)}\n`);
    const note = event.type === 'attempt' ? describe(event.event) : undefined;
    if (note) process.stderr.write(`\n${note}\n`);
  });
  process.stdout.write('\n');
  if (setup.log) await appendJsonLine(setup.log, loggedRecord(done.record));
  if (done.result.kind === 'mode') return void process.stderr.write(`${describeResult(done.result.mode)}\n`);
  const call = done.result.call;
  process.stderr.write(`[${call.segments.map((s) => s.model).join(' + ') || 'no model'}; $${call.cost.toFixed(6)}]\n`);
  if (call.error) throw new Error(failureMessage(done));
}

async function modeOptions(values: FlagValues, lambda: number, maxTokens: number | undefined): Promise<ModeOptions> {
  const assign = values.assign ?? 'router';
  if (assign !== 'router' && assign !== 'planner') throw new UsageError(`--assign must be router or planner, got "${String(assign)}"`);
  const rounds = positive(values, 'max-rounds');
  const parts = positive(values, 'max-parts');
  return {
    cascade: {
      lambda,
      maxTokens,
      calibration: typeof values.calibration === 'string' ? await calibrationFile(values.calibration) : [],
      check: cascadeCheck(values.check),
    },
    judged: { maxTokens },
    decompose: { assign, maxTokens, ...(parts ? { maxParts: Math.floor(parts) } : {}) },
    agent: {
      ...(rounds ? { maxRounds: Math.floor(rounds) } : {}),
      ...(positive(values, 'max-cost') ? { maxCost: positive(values, 'max-cost') } : {}),
      ...(maxTokens ? { maxTokens } : {}),
    },
  };
}

/** Labelled verification scores, one JSON object a line ({"score":0.75,"cheapCorrect":1}). */
/** --check: how the cascade checks the cheap answer (AutoMix's votes, or the on-device verifier). */
function cascadeCheck(value: unknown): 'self-verify' | 'on-device' | undefined {
  if (value === undefined || value === 'self-verify' || value === 'on-device') return value;
  throw new UsageError(`--check must be self-verify or on-device, got "${String(value)}"`);
}

async function calibrationFile(path: string): Promise<CalibrationPoint[]> {
  const lines = (await readText(path)).split('\n');
  return lines.flatMap((line, i) => {
    if (!line.trim()) return [];
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new UsageError(`${path}:${i + 1}: not JSON`);
    }
    const point = calibrationPointSchema.safeParse(value);
    if (!point.success)
      throw new UsageError(`${path}:${i + 1}: ${point.error.issues[0]!.path.join('.') || 'line'}: ${point.error.issues[0]!.message}`);
    return [point.data];
  });
}
