// Runs a planned benchmark: each (query, model) through the provider layer with that one model only (a failure is
// that model's failure, never another model's answer), at most `concurrency` calls in flight per provider (a slot is
// held by the call only, not while a slow scorer such as code_eval runs), scored as it lands and written to the store
// at once. A hard budget (the provider layer's SpendingGuard over this run's
// spending, each call reserved at its worst case: its prompt and `maxTokens`) stops the run cleanly: no new calls,
// the ones in flight finish and are written. Progress reports done/total, failures, spend and an ETA.
import pLimit from 'p-limit';
import { callCost } from '../catalog/model.ts';
import { ProviderError } from '../providers/errors.ts';
import type { RoutedCaller } from '../providers/routed-call.ts';
import { SpendingGuard } from '../providers/spending-guard.ts';
import { reservedInputTokens } from './estimate.ts';
import type { PlannedJob, RunPlan } from './plan.ts';
import type { PipelineResult, ResultStore } from './result.ts';
import { scorerFor, type ScoreContext } from './scorers/registry.ts';

export interface RunProgress {
  /** Pairs done, counting those done by earlier runs. */
  done: number;
  total: number;
  /** Pairs that failed in this run. */
  failed: number;
  /** USD spent by this run. */
  spentUsd: number;
  /** Estimated ms left, once something has finished. */
  etaMs?: number;
}

export interface RunOptions {
  plan: RunPlan;
  caller: Pick<RoutedCaller, 'call'>;
  store: ResultStore;
  scoring?: ScoreContext;
  /** Hard limit on what this run spends, USD. */
  budgetUsd?: number;
  /** Calls in flight at once, per provider. */
  concurrency?: number;
  maxTokens?: number;
  signal?: AbortSignal;
  onProgress?: (progress: RunProgress) => void;
  onResult?: (result: PipelineResult) => void;
  now?: () => number;
}

export interface RunSummary extends RunProgress {
  /** Why it ended: all pairs tried, the budget would be passed, or cancelled. */
  stopped: 'complete' | 'budget' | 'cancelled';
  /** The budget's refusal, when it stopped the run. */
  reason?: string;
}

export const DEFAULT_MAX_TOKENS = 1024;

export async function runPipeline(options: RunOptions): Promise<RunSummary> {
  const now = options.now ?? Date.now;
  const maxTokens = options.maxTokens ?? DEFAULT_MAX_TOKENS;
  const started = now();
  let spent = 0;
  let finished = 0;
  let failed = 0;
  let stop: { stopped: 'budget' | 'cancelled'; reason?: string } | undefined;
  const guard = new SpendingGuard({ dailyUsd: options.budgetUsd }, { spent: async () => spent });
  const limits = new Map<string, ReturnType<typeof pLimit>>();
  const limitOf = (provider: string) => limits.get(provider) ?? limits.set(provider, pLimit(options.concurrency ?? 4)).get(provider)!;

  const progress = (): RunProgress => {
    const left = options.plan.jobs.length - finished;
    const elapsed = now() - started;
    return {
      done: options.plan.done + finished - failed,
      total: options.plan.total,
      failed,
      spentUsd: spent,
      ...(finished > 0 ? { etaMs: (elapsed / finished) * left } : {}),
    };
  };

  /** The call itself, holding one of its provider's slots: reserve the worst case, call the one model. */
  async function call(job: PlannedJob): Promise<{ reply: Reply; at: number; latencyMs: number; release: () => void } | undefined> {
    if (stop || options.signal?.aborted) return undefined;
    let release: () => void;
    const worstCase = callCost(job.model, reservedInputTokens(job.prompt), maxTokens);
    try {
      release = await guard.reserve(worstCase);
    } catch (e) {
      if ((e as ProviderError).kind !== 'budget') throw e;
      stop ??= {
        stopped: 'budget',
        reason:
          `the run's budget: the next call could cost up to $${worstCase.toFixed(4)}, ` +
          `and $${spent.toFixed(4)} of $${options.budgetUsd?.toFixed(2)} is spent`,
      };
      return undefined;
    }
    const at = now();
    const reply = await options.caller.call({
      ranking: [{ model: job.model.id }],
      messages: [{ role: 'user', content: job.prompt }],
      maxTokens,
      temperature: 0,
      signal: options.signal,
    });
    return { reply, at, latencyMs: now() - at, release };
  }

  /** A pair: its call (within the provider's limit), then its score (outside it), then its record. */
  async function runJob(job: PlannedJob): Promise<void> {
    const called = await limitOf(job.model.provider)(() => call(job));
    if (!called) return;
    if (called.reply.error?.kind === 'aborted') return called.release();
    const result = await scored(job, called.reply, called.at, called.latencyMs, options.scoring ?? {});
    spent += result.cost;
    called.release();
    await options.store.append(result);
    finished += 1;
    if (result.status === 'failed') failed += 1;
    options.onResult?.(result);
    options.onProgress?.(progress());
  }

  options.onProgress?.(progress());
  await Promise.all(options.plan.jobs.map(runJob));
  if (options.signal?.aborted) stop ??= { stopped: 'cancelled' };
  return { ...progress(), stopped: stop?.stopped ?? 'complete', ...(stop?.reason ? { reason: stop.reason } : {}) };
}

type Reply = Awaited<ReturnType<RoutedCaller['call']>>;

/** A pair's record: its answer scored, or its failure (the call's, or the scorer's). */
async function scored(job: PlannedJob, reply: Reply, at: number, latencyMs: number, scoring: ScoreContext): Promise<PipelineResult> {
  const ok = reply.outcomes.filter((o) => o.kind === 'ok').pop();
  const base = {
    id: job.item.id,
    model: job.model.id,
    task: job.item.task,
    cost: reply.cost,
    latency_ms: latencyMs,
    at,
    ...(ok ? { input_tokens: ok.inputTokens, output_tokens: ok.outputTokens, usage_estimated: ok.usageEstimated } : {}),
  };
  if (!reply.complete)
    return {
      ...base,
      status: 'failed',
      ...(reply.text ? { response: reply.text } : {}),
      error: reply.error ?? { kind: 'incomplete', message: 'the answer stopped before its end' },
    };
  try {
    const score = await scorerFor(job.metric)(reply.text, job.item, scoring);
    return {
      ...base,
      status: 'ok',
      score: score.score,
      cost: base.cost + (score.cost ?? 0),
      response: reply.text,
      ...(score.detail ? { detail: score.detail } : {}),
    };
  } catch (e) {
    return { ...base, status: 'failed', response: reply.text, error: { kind: 'scoring', message: (e as Error).message } };
  }
}
