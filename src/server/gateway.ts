// Everything one gateway instance holds, built from its configuration: the catalog, provider endpoints with
// their keys, the loaded routers, the routed caller (fallback, retries, breaker, budgets), the metrics, the
// JSONL log, and (with a Redis URL) the state it shares with the rest of its fleet.
import { defaultCatalog, parseCatalog } from '../core/catalog/catalog.ts';
import type { Catalog, CatalogModel } from '../core/catalog/model.ts';
import type { Embedder } from '../core/embed/embedder.ts';
import { CircuitBreaker } from '../core/providers/circuit-breaker.ts';
import { customProvider, providerDefinition } from '../core/providers/definitions.ts';
import { KeyRing } from '../core/providers/key-ring.ts';
import type { OutcomeSink } from '../core/providers/outcome.ts';
import { RoutedCaller } from '../core/providers/routed-call.ts';
import { SpendingGuard, type BudgetGuard } from '../core/providers/spending-guard.ts';
import type { Endpoint } from '../core/providers/types.ts';
import type { NodeEmbedderOptions } from '../platform/node/encoder.ts';
import { EncoderThread } from '../platform/node/encoder-thread.ts';
import { readText } from '../platform/node/files.ts';
import { CallLog, readCallLog } from './call-log.ts';
import { CallOwners } from './call-owners.ts';
import { fromEnv, type GatewayConfig } from './config.ts';
import { GatewayLearning } from './learning.ts';
import { GatewayMetrics } from './metrics.ts';
import { RedisBreaker, RedisBudgetGuard, SharedState } from './redis-state.ts';
import { loadRouters, type GatewayRouter } from './routing.ts';
import { SpendCounters } from './spend-counters.ts';
import { upstream } from './upstream.ts';

export interface GatewayOptions {
  /** Share spend and breaker state with other instances through this Redis. */
  redisUrl?: string;
  /** Key prefix in Redis (one per fleet). */
  redisPrefix?: string;
  env?: NodeJS.ProcessEnv;
  fetch?: typeof fetch;
  /** Told of trouble after start-up (a failing log disk). */
  onNotice?: (message: string) => void;
  /** The sentence encoder routers read (default: the built-in one), run on a worker thread. */
  encoder?: NodeEmbedderOptions;
}

export interface Gateway {
  config: GatewayConfig;
  catalog: Catalog;
  routers: Map<string, GatewayRouter>;
  /** Catalog models whose provider the gateway can reach (has a base URL and, where needed, a key). */
  callable: Set<string>;
  /** Those models themselves, in catalog order. */
  callableModels: readonly CatalogModel[];
  caller: RoutedCaller;
  metrics: GatewayMetrics;
  tokens: Set<string>;
  log?: CallLog;
  /** Clients' profiles and online routers, taught by feedback. */
  learning: GatewayLearning;
  embedder(): Promise<Embedder>;
  /** Which client made each recent call (only it may rate the call). */
  owners: CallOwners;
  /** What the gateway noticed at start-up (skipped log lines), for the operator. */
  notices: string[];
  /** Counts a call in flight until `work` settles, so a shutdown can wait for it. */
  track<T>(work: Promise<T>): Promise<T>;
  /** Resolves once no call is in flight. */
  drained(): Promise<void>;
  close(): Promise<void>;
}

async function catalogOf(config: GatewayConfig): Promise<Catalog> {
  const base = config.catalog ? parseCatalog(JSON.parse(await readText(config.catalog)), config.catalog) : defaultCatalog;
  const added = new Set(config.models.map((m) => m.id));
  return { models: [...base.models.filter((m) => !added.has(m.id)), ...config.models] };
}

/** Where each configured or known provider is, and its keys from the file and the environment. */
function endpoints(config: GatewayConfig, env: NodeJS.ProcessEnv): (provider: string) => Endpoint | undefined {
  const providers = new Set([...Object.keys(config.providers), ...Object.keys(config.api_keys)]);
  const keys = new KeyRing(
    Object.fromEntries([...providers].map((p) => [p, [...(config.api_keys[p] ?? []), ...fromEnv(config.providers[p]?.key_env, env)]])),
  );
  return (provider) => {
    const given = config.providers[provider];
    const known = providerDefinition(provider);
    const baseUrl = given?.base_url ?? known?.baseUrl;
    if (!baseUrl) return undefined;
    const definition = known ?? customProvider(provider, baseUrl, given?.wire);
    const key = keys.next(provider);
    if (definition.keyRequired && !key && !given?.base_url) return undefined;
    return {
      provider,
      wire: given?.wire ?? definition.wire,
      baseUrl,
      key,
      streamUsage: definition.streamUsage,
      capHonoured: known !== undefined,
    };
  };
}

/**
 * Reads back the log: this month's spend (without Redis, so a restart does not forget spending) and who made
 * each call (for feedback). Unreadable lines (a crash tears the last one) are skipped and reported.
 */
async function fromLog(path: string | undefined, counters: SpendCounters | undefined, owners: CallOwners): Promise<string[]> {
  if (!path) return [];
  const monthStart = new Date(new Date().getFullYear(), new Date().getMonth(), 1).getTime();
  const report = await readCallLog(path, new Set(['attempt', 'routed-call']), (record) => {
    const { at, cost, callId, client } = record;
    if (record.type === 'attempt' && typeof at === 'number' && typeof cost === 'number' && at >= monthStart && cost > 0)
      counters?.record({ at, cost });
    if (record.type === 'routed-call' && typeof callId === 'string' && typeof client === 'string') owners.set(callId, client);
  });
  if (report.skippedCount === 0) return [];
  const lines = report.skipped.map((s) => `line ${s.line} (${s.reason})`).join(', ');
  const plural = report.skippedCount === 1 ? '' : 's';
  const more = report.skippedCount > report.skipped.length ? ', ...' : '';
  return [`${path}: skipped ${report.skippedCount} unreadable line${plural}: ${lines}${more}`];
}

/** The fleet's Redis, connected (and closed again when it cannot be reached); none without a URL. */
async function connectShared(options: GatewayOptions): Promise<SharedState | undefined> {
  if (!options.redisUrl) return undefined;
  const shared = new SharedState(options.redisUrl, options.redisPrefix);
  try {
    await shared.ready();
  } catch (e) {
    await shared.close();
    throw e;
  }
  return shared;
}

/** The JSONL call log when one is configured; a failing disk is reported and calls go on without their records. */
function openLog(config: GatewayConfig, options: GatewayOptions): CallLog | undefined {
  if (!config.log) return undefined;
  return new CallLog(config.log, (e) =>
    options.onNotice?.(`the log ${config.log} failed: ${e.message}; calls go on, their records are dropped`),
  );
}

interface Spending {
  /** The fleet-wide budget lease holder (with Redis), to close on shutdown. */
  fleet?: RedisBudgetGuard;
  guard: BudgetGuard;
  /** Where every attempt goes: the metrics, the spend counters and the log. */
  sink: OutcomeSink;
}

/** Budget guard and outcome sink: fleet-wide through Redis when shared, else this instance's own counters. */
async function spending(
  config: GatewayConfig,
  shared: SharedState | undefined,
  local: SpendCounters,
  metrics: GatewayMetrics,
  log: CallLog | undefined,
): Promise<Spending> {
  const budget = { dailyUsd: config.budgets.daily_usd, monthlyUsd: config.budgets.monthly_usd };
  const fleet = shared ? new RedisBudgetGuard(shared, budget, { leaseMs: config.budgets.lease_ms }) : undefined;
  await fleet?.ready();
  const spendSink: OutcomeSink = fleet ?? local;
  const guard: BudgetGuard = fleet ?? new SpendingGuard(budget, local);
  const sink: OutcomeSink = {
    async record(outcome) {
      metrics.attempt(outcome);
      await spendSink.record(outcome);
      await log?.write({ type: 'attempt', ...outcome });
    },
  };
  return { ...(fleet ? { fleet } : {}), guard, sink };
}

/** The routed caller with the configured policy, its breaker shared through Redis when there is one. */
function routedCaller(
  config: GatewayConfig,
  catalog: Catalog,
  endpoint: (provider: string) => Endpoint | undefined,
  { guard, sink }: Spending,
  shared: SharedState | undefined,
  fetch: typeof globalThis.fetch,
): RoutedCaller {
  const breakerOptions = { threshold: config.breaker.threshold, cooldownMs: config.breaker.cooldown_ms };
  return new RoutedCaller({
    catalog: catalog.models,
    endpoint,
    guard,
    sink,
    breaker: shared ? new RedisBreaker(shared, breakerOptions) : new CircuitBreaker(breakerOptions),
    concurrency: config.policy.concurrency,
    policy: {
      retries: config.policy.retries,
      defaultMaxTokens: config.policy.default_max_tokens,
      timeoutMs: config.policy.timeout_ms,
      midStream: config.policy.mid_stream,
    },
    fetch,
  });
}

/** The encoder thread's V8 young generation (resourceLimits.maxYoungGenerationSizeMb). */
export const ENCODER_YOUNG_GENERATION_MB = 4;

/**
 * The encoder on its worker thread, started by the first call that needs it (a gateway without routers that read
 * embeddings never loads it) and started again by the next call after its worker stopped. One query per encoder
 * run: batching concurrent queries would make a query's vector (int8, dynamically quantized per batch) and so its
 * route depend on what else arrived at the same time.
 */
function encoderThread(options: NodeEmbedderOptions = {}): { open(): Promise<Embedder>; close(): Promise<void> } {
  let thread: Promise<EncoderThread> | undefined;
  const open = (): Promise<EncoderThread> => {
    // One intra-op thread: a query is a few dozen tokens, and onnxruntime's idle pool threads spin on the cores HTTP needs.
    // A 4 MB young generation: V8 would grow it to 32 MB for garbage that dies within one encoder run (-27 MB RSS).
    const started = EncoderThread.start({ threads: 1, ...options }, { maxYoungGenerationSizeMb: ENCODER_YOUNG_GENERATION_MB });
    void started.then((t) => t.onStop(() => thread === started && (thread = undefined))).catch(() => {});
    return started;
  };
  return {
    open: () => (thread ??= open()),
    async close() {
      const running = thread;
      thread = undefined;
      await (await running?.catch(() => undefined))?.close();
    },
  };
}

/** Counts calls in flight until they settle, so a shutdown can wait for them. */
function inflightCalls(): Pick<Gateway, 'track' | 'drained'> {
  const inflight = new Set<Promise<unknown>>();
  return {
    track(work) {
      const settled = work.then(
        () => {},
        () => {},
      );
      inflight.add(settled);
      void settled.then(() => inflight.delete(settled));
      return work;
    },
    async drained() {
      while (inflight.size > 0) await Promise.all(inflight);
    },
  };
}

export async function createGateway(config: GatewayConfig, options: GatewayOptions = {}): Promise<Gateway> {
  const env = options.env ?? process.env;
  const catalog = await catalogOf(config);
  const endpoint = endpoints(config, env);
  const wireOf = (m: CatalogModel) => endpoint(m.provider)?.wire;
  const callableModels = catalog.models.filter((m) => wireOf(m) !== undefined);
  const callable = new Set(callableModels.map((m) => m.id));
  const routers = await loadRouters(config, callableModels);
  const metrics = new GatewayMetrics();
  const notices: string[] = [];
  const owners = new CallOwners();
  const shared = await connectShared(options);
  const local = new SpendCounters();
  notices.push(...(await fromLog(config.log, shared ? undefined : local, owners)));
  const log = openLog(config, options);
  const spend = await spending(config, shared, local, metrics, log);
  const pool = options.fetch ? undefined : upstream();
  const caller = routedCaller(config, catalog, endpoint, spend, shared, options.fetch ?? pool!.fetch);
  const encoder = encoderThread(options.encoder);
  return {
    config,
    catalog,
    routers,
    callable,
    callableModels,
    caller,
    metrics,
    owners,
    notices,
    tokens: new Set([...config.client_tokens, ...fromEnv(config.client_token_env, env)]),
    ...(log ? { log } : {}),
    learning: new GatewayLearning(),
    embedder: encoder.open,
    ...inflightCalls(),
    async close() {
      await encoder.close();
      spend.fleet?.close();
      await log?.close();
      await shared?.close();
      await pool?.close();
    },
  };
}
