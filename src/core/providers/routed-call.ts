// A routed call: tries the router's ranking in order (the fallback chain is everything after the first),
// retries a failing model with jittered backoff honouring Retry-After, skips providers whose circuit is
// open, keeps within the budget and the concurrency limit, logs every attempt, and after a failure
// mid-answer either resumes with the next model or stops with the partial answer, as the user chose. A key
// refused (401/403) is not tried again in the same call: later models on that provider and key are skipped.
import pLimit, { type LimitFunction } from 'p-limit';
import { callCost, type CatalogModel } from '../catalog/model.ts';
import { backoffDelay, sleep, type BackoffOptions } from './backoff.ts';
import { CircuitBreaker, type Breaker } from './circuit-breaker.ts';
import { chat } from './client.ts';
import { ProviderError, toProviderError } from './errors.ts';
import type { AttemptOutcome, OutcomeSink } from './outcome.ts';
import type { BudgetGuard } from './spending-guard.ts';
import { estimateTokens, type ChatMessage, type Endpoint, type ToolCall, type ToolChoice, type ToolSpec } from './types.ts';

export interface FallbackPolicy {
  /** After tokens have streamed: continue the answer with the next model, or stop and keep what came. */
  midStream: 'resume' | 'stop';
  /** Retries of the same model on a retryable failure before falling back. */
  retries: number;
  /** A Retry-After longer than this falls back at once instead of waiting. */
  maxRetryWaitMs: number;
  backoff: BackoffOptions;
  /** Idle timeout of each attempt (see CallOptions.timeoutMs). */
  timeoutMs: number;
  /** Output tokens assumed for the budget check when the call sets no maxTokens. */
  expectedOutputTokens: number;
}

export const DEFAULT_POLICY: FallbackPolicy = {
  midStream: 'resume',
  retries: 1,
  maxRetryWaitMs: 5_000,
  backoff: { baseMs: 250, maxMs: 4_000 },
  timeoutMs: 30_000,
  expectedOutputTokens: 500,
};

/** The instruction that hands a half-written answer to the next model. */
export const CONTINUE_PROMPT = 'Your previous answer was cut off. Continue it exactly where it stopped, without repeating anything.';

export type RoutedEvent =
  | { type: 'attempt'; model: string; attempt: number; retry: number; resumed: boolean }
  | { type: 'token'; model: string; text: string }
  | { type: 'failed'; model: string; kind: ProviderError['kind']; message: string; next: 'retry' | 'fallback' | 'stop'; delayMs?: number }
  | { type: 'skipped'; model: string; reason: 'circuit_open' | 'no_provider' | 'unknown_model' | 'key_refused' }
  | { type: 'fallback'; from: string; to: string; resumed: boolean }
  | { type: 'done'; result: RoutedResult };

export interface RoutedResult {
  /** The whole answer, every model's part joined. */
  text: string;
  /** Which model wrote which part, in order. */
  segments: { model: string; text: string }[];
  /** False when the answer stopped before its end (an error, or the stop policy after a mid-stream failure). */
  complete: boolean;
  error?: { kind: ProviderError['kind']; message: string };
  cost: number;
  outcomes: AttemptOutcome[];
  /** The functions the answering model called instead of (or besides) answering, when `tools` were offered. */
  toolCalls?: ToolCall[];
}

export interface RoutedCallRequest {
  /** Models best first, as `Decision.ranking` gives them; `cost` (USD), when known, is the budget check's estimate. */
  ranking: readonly { model: string; cost?: number }[];
  messages: ChatMessage[];
  maxTokens?: number;
  temperature?: number;
  /** Functions the model may call (the provider's function calling), and whether it must. */
  tools?: ToolSpec[];
  toolChoice?: ToolChoice;
  signal?: AbortSignal;
  onEvent?: (event: RoutedEvent) => void;
  /** Shared by the call's attempt records; a fresh one when absent. */
  callId?: string;
}

export interface RoutedCallerOptions {
  catalog: readonly CatalogModel[];
  /** The endpoint (with its next key) for a provider id; undefined when the user has not set it up. */
  endpoint(provider: string): Endpoint | undefined;
  policy?: Partial<FallbackPolicy>;
  breaker?: Breaker;
  guard?: BudgetGuard;
  sink?: OutcomeSink;
  /** Provider calls in flight at once, over all routed calls of this caller. */
  concurrency?: number;
  fetch?: typeof fetch;
  random?: () => number;
  now?: () => number;
}

export class RoutedCaller {
  readonly breaker: Breaker;
  private readonly limit: LimitFunction;
  private readonly now: () => number;

  constructor(private readonly options: RoutedCallerOptions) {
    this.breaker = options.breaker ?? new CircuitBreaker();
    this.limit = pLimit(options.concurrency ?? 4);
    this.now = options.now ?? Date.now;
  }

  get policy(): FallbackPolicy {
    return { ...DEFAULT_POLICY, ...this.options.policy };
  }

  async call(request: RoutedCallRequest): Promise<RoutedResult> {
    const policy = this.policy;
    const emit = request.onEvent ?? (() => {});
    const callId = request.callId ?? crypto.randomUUID();
    const result: RoutedResult = { text: '', segments: [], complete: false, cost: 0, outcomes: [] };
    let attempt = 0;
    let previous: string | undefined;
    let lastError: ProviderError | undefined;
    /** Provider and key pairs the provider refused during this call. */
    const refused = new Set<string>();

    const finish = (error?: ProviderError): RoutedResult => {
      if (error) result.error = { kind: error.kind, message: error.message };
      emit({ type: 'done', result });
      return result;
    };

    for (const entry of request.ranking) {
      const model = this.options.catalog.find((m) => m.id === entry.model);
      if (!model) {
        emit({ type: 'skipped', model: entry.model, reason: 'unknown_model' });
        continue;
      }
      for (let retry = 0; retry <= policy.retries; retry++) {
        const endpoint = this.options.endpoint(model.provider);
        if (!endpoint) {
          emit({ type: 'skipped', model: model.id, reason: 'no_provider' });
          break;
        }
        if (refused.has(keyOf(endpoint))) {
          emit({ type: 'skipped', model: model.id, reason: 'key_refused' });
          break;
        }
        if (!(await this.breaker.tryAcquire(model.provider))) {
          emit({ type: 'skipped', model: model.id, reason: 'circuit_open' });
          lastError ??= new ProviderError('circuit_open', `${model.provider}: skipped, too many recent failures`);
          break;
        }
        const resumed = result.text !== '';
        const messages = resumed ? [...request.messages, { role: 'assistant' as const, content: result.text }, { role: 'user' as const, content: CONTINUE_PROMPT }] : request.messages;
        const inputEstimate = estimateTokens(messages.map((m) => m.content).join('\n'));
        let release: () => void | Promise<void> = () => {};
        try {
          // A decision's estimate may be NaN (a forced model without one): the catalog's price estimates it then.
          const estimate = entry.cost !== undefined && Number.isFinite(entry.cost) ? entry.cost : callCost(model, inputEstimate, request.maxTokens ?? policy.expectedOutputTokens);
          if (this.options.guard) release = await this.options.guard.reserve(estimate);
        } catch (e) {
          await this.breaker.release(model.provider);
          return finish(e as ProviderError);
        }

        attempt += 1;
        if (previous && previous !== model.id) emit({ type: 'fallback', from: previous, to: model.id, resumed });
        previous = model.id;
        emit({ type: 'attempt', model: model.id, attempt, retry, resumed });
        const started = this.now();
        let firstTokenMs: number | undefined;
        let part = '';
        const outcome = (fields: Pick<AttemptOutcome, 'kind' | 'inputTokens' | 'outputTokens' | 'usageEstimated'> & { error?: string }): AttemptOutcome => ({
          id: crypto.randomUUID(),
          at: started,
          callId,
          model: model.id,
          provider: model.provider,
          attempt,
          latencyMs: this.now() - started,
          ...(firstTokenMs !== undefined ? { firstTokenMs } : {}),
          cost: callCost(model, fields.inputTokens, fields.outputTokens),
          resumed,
          ...fields,
        });
        try {
          const reply = await this.limit(() =>
            chat(endpoint, { model: model.api_model, messages, maxTokens: request.maxTokens, temperature: request.temperature, tools: request.tools, toolChoice: request.toolChoice }, {
              signal: request.signal,
              timeoutMs: policy.timeoutMs,
              fetch: this.options.fetch,
              onToken: (text) => {
                firstTokenMs ??= this.now() - started;
                part += text;
                emit({ type: 'token', model: model.id, text });
              },
            }),
          );
          await this.breaker.success(model.provider);
          await this.log(result, outcome({ kind: 'ok', ...reply.usage, usageEstimated: reply.usage.estimated }));
          await release();
          this.append(result, model.id, reply.text);
          if (reply.toolCalls) result.toolCalls = reply.toolCalls;
          result.complete = true;
          return finish();
        } catch (e) {
          const error = toProviderError(e, model.provider, [endpoint.key]);
          lastError = error;
          if (error.kind === 'auth') refused.add(keyOf(endpoint));
          if (error.retryable) await this.breaker.failure(model.provider);
          else await this.breaker.release(model.provider);
          // A broken stream still cost what it produced.
          await this.log(result, outcome({ kind: error.kind, error: error.message, inputTokens: part ? inputEstimate : 0, outputTokens: estimateTokens(part), usageEstimated: true }));
          await release();
          this.append(result, model.id, part);
          const failed = (next: 'retry' | 'fallback' | 'stop', delayMs?: number) =>
            emit({ type: 'failed', model: model.id, kind: error.kind, message: error.message, next, ...(delayMs !== undefined ? { delayMs } : {}) });
          if (!error.canFallBack || (result.text !== '' && policy.midStream === 'stop')) {
            failed('stop');
            return finish(error);
          }
          const waitMs = backoffDelay(retry, policy.backoff, error.details.retryAfterMs, this.options.random);
          if (error.retryable && part === '' && retry < policy.retries && (error.details.retryAfterMs ?? 0) <= policy.maxRetryWaitMs) {
            failed('retry', waitMs);
            try {
              await sleep(waitMs, request.signal);
            } catch {
              return finish(new ProviderError('aborted', 'call cancelled'));
            }
            continue;
          }
          failed(entry === request.ranking.at(-1) ? 'stop' : 'fallback');
          break;
        }
      }
    }
    return finish(lastError ?? new ProviderError('bad_request', 'no model of the ranking could be called: set up a provider for one of them'));
  }

  private async log(result: RoutedResult, outcome: AttemptOutcome): Promise<void> {
    result.outcomes.push(outcome);
    result.cost += outcome.cost;
    await this.options.sink?.record(outcome);
  }

  private append(result: RoutedResult, model: string, text: string): void {
    if (!text) return;
    result.text += text;
    result.segments.push({ model, text });
  }
}

/** One provider with one key (keyless local servers count as one key). */
function keyOf(endpoint: Endpoint): string {
  return `${endpoint.provider}\u0000${endpoint.key ?? ''}`;
}
