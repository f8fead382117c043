// A routed call: tries the router's ranking in order (the fallback chain is everything after the first),
// retries a failing model with jittered backoff honouring Retry-After, skips providers whose circuit is
// open, keeps within the budget and the concurrency limit, logs every attempt, and after a failure
// mid-answer either resumes with the next model or stops with the partial answer, as the user chose. A key
// refused (401/403) is not tried again in the same call: later models on that provider and key are skipped.
// Budgets are hard caps: every attempt sends max_tokens, reserves the cost of exactly that (and of an upper
// bound on its input), and is stopped there if the provider streams past it; the accounting (outcome sink,
// release of the reservation) runs outside the provider call's error handling, once per attempt.
import pLimit, { type LimitFunction } from 'p-limit';
import { callCost, type CatalogModel } from '../catalog/model.ts';
import { backoffDelay, sleep, type BackoffOptions } from './backoff.ts';
import { CircuitBreaker, type Breaker } from './circuit-breaker.ts';
import { chat } from './client.ts';
import { ProviderError, toProviderError } from './errors.ts';
import { imageTokens } from './images.ts';
import type { AttemptOutcome, OutcomeSink } from './outcome.ts';
import type { BudgetGuard } from './spending-guard.ts';
import {
  estimateTokens,
  type ChatMessage,
  type ChatRequest,
  type ChatResult,
  type Endpoint,
  type ToolCall,
  type ToolCallDelta,
  type ToolChoice,
  type ToolSpec,
} from './types.ts';

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
  /** The max_tokens sent when the call sets none: the budget reserves exactly what may be produced. */
  defaultMaxTokens: number;
}

export const DEFAULT_POLICY: FallbackPolicy = {
  midStream: 'resume',
  retries: 1,
  maxRetryWaitMs: 5_000,
  backoff: { baseMs: 250, maxMs: 4_000 },
  timeoutMs: 30_000,
  defaultMaxTokens: 4096,
};

/** The instruction that hands a half-written answer to the next model. */
export const CONTINUE_PROMPT = 'Your previous answer was cut off. Continue it exactly where it stopped, without repeating anything.';

export type RoutedEvent =
  | { type: 'attempt'; model: string; attempt: number; retry: number; resumed: boolean }
  | { type: 'token'; model: string; text: string }
  /** A piece of a function call the model is streaming (its arguments come in pieces: see ToolCallDelta). */
  | { type: 'tool_call'; model: string; delta: ToolCallDelta }
  | { type: 'failed'; model: string; kind: ProviderError['kind']; message: string; next: 'retry' | 'fallback' | 'stop'; delayMs?: number }
  | { type: 'skipped'; model: string; reason: 'circuit_open' | 'no_provider' | 'unknown_model' | 'key_refused' }
  | { type: 'fallback'; from: string; to: string; resumed: boolean }
  | { type: 'accounting_failed'; model: string; message: string }
  | { type: 'done'; result: RoutedResult };

export interface RoutedResult {
  /** The whole answer, every model's part joined. */
  text: string;
  /** Which model wrote which part, in order. */
  segments: { model: string; text: string }[];
  /** False when the answer stopped before its end (an error, or the stop policy after a mid-stream failure). */
  complete: boolean;
  /** True when the answer stopped at max_tokens (the provider's limit, or the gateway's count of streamed tokens). */
  truncated?: boolean;
  error?: { kind: ProviderError['kind']; message: string };
  cost: number;
  outcomes: AttemptOutcome[];
  /** The functions the answering model called instead of (or besides) answering, when `tools` were offered. */
  toolCalls?: ToolCall[];
}

export interface RoutedCallRequest {
  /** Models best first, as `Decision.ranking` gives them (`cost`, the router's estimate, is not what the budget
   * reserves: that is the cap). */
  ranking: readonly { model: string; cost?: number }[];
  messages: ChatMessage[];
  maxTokens?: number;
  temperature?: number;
  /** Functions the model may call (the provider's function calling), and whether it must. */
  tools?: ToolSpec[];
  toolChoice?: ToolChoice;
  signal?: AbortSignal;
  onEvent?: (event: RoutedEvent) => void;
  /**
   * False when nobody reads the answer as it comes (a gateway client that asked for a whole answer): the
   * provider is then called unstreamed, unless a budget is in force and only a stream can stop the provider
   * at its cap (Endpoint.capHonoured). Default true.
   */
  stream?: boolean;
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
    const state: CallState = {
      request,
      policy,
      emit: request.onEvent ?? (() => {}),
      callId: request.callId ?? crypto.randomUUID(),
      result: { text: '', segments: [], complete: false, cost: 0, outcomes: [] },
      attempt: 0,
      outputSoFar: 0,
      refused: new Set<string>(),
    };
    for (const entry of request.ranking) {
      const model = this.options.catalog.find((m) => m.id === entry.model);
      if (!model) {
        state.emit({ type: 'skipped', model: entry.model, reason: 'unknown_model' });
        continue;
      }
      const last = entry === request.ranking.at(-1);
      for (let retry = 0; retry <= policy.retries; retry++) {
        const step = await this.tryModel(state, model, retry, last);
        if (step === 'next') break;
        if (step !== 'retry') return step.done;
      }
    }
    return finish(
      state,
      state.lastError ?? new ProviderError('bad_request', 'no model of the ranking could be called: set up a provider for one of them'),
    );
  }

  /** One attempt of one model: the answer (or the error that ends the call), a retry of the same model, or the next model. */
  private async tryModel(state: CallState, model: CatalogModel, retry: number, last: boolean): Promise<Step> {
    const { request, policy, emit } = state;
    const endpoint = await this.admit(state, model);
    if (!endpoint) return 'next';
    const resumed = state.result.text !== '';
    const messages = resumed
      ? [
          ...request.messages,
          { role: 'assistant' as const, content: state.result.text },
          { role: 'user' as const, content: CONTINUE_PROMPT },
        ]
      : request.messages;
    // The cap sent as max_tokens is what the budget reserves: a resumed answer gets what the first left.
    const maxTokens = Math.max(1, (request.maxTokens ?? policy.defaultMaxTokens) - state.outputSoFar);
    let release: () => void | Promise<void> = () => {};
    try {
      const bound = callCost(model, maxInputTokens(messages, request.tools), maxTokens);
      if (this.options.guard) release = await this.options.guard.reserve(bound);
    } catch (e) {
      await this.breaker.release(model.provider);
      return { done: finish(state, e as ProviderError) };
    }

    state.attempt += 1;
    if (state.previous && state.previous !== model.id) emit({ type: 'fallback', from: state.previous, to: model.id, resumed });
    state.previous = model.id;
    emit({ type: 'attempt', model: model.id, attempt: state.attempt, retry, resumed });
    const started = this.now();
    const sent: ChatRequest = {
      model: model.api_model,
      messages,
      maxTokens,
      temperature: request.temperature,
      tools: request.tools,
      toolChoice: request.toolChoice,
    };
    const streamed = request.stream !== false || (this.options.guard?.limited === true && endpoint.capHonoured !== true);
    const relay: Relay | undefined = streamed
      ? {
          text: (text) => emit({ type: 'token', model: model.id, text }),
          toolCall: (delta) => emit({ type: 'tool_call', model: model.id, delta }),
        }
      : undefined;
    const tried = await this.attempt(endpoint, sent, { policy, started, signal: request.signal }, relay);
    const done: AttemptDone = { model, endpoint, messages, resumed, started, tried, release };
    if (tried.reply) return { done: await this.succeed(state, done, tried.reply) };
    return this.fail(state, done, retry, last);
  }

  /** The endpoint to call the model on, or undefined (reported as skipped) when its provider or key cannot take it. */
  private async admit(state: CallState, model: CatalogModel): Promise<Endpoint | undefined> {
    const endpoint = this.options.endpoint(model.provider);
    if (!endpoint) {
      state.emit({ type: 'skipped', model: model.id, reason: 'no_provider' });
      return undefined;
    }
    if (state.refused.has(keyOf(endpoint))) {
      state.emit({ type: 'skipped', model: model.id, reason: 'key_refused' });
      return undefined;
    }
    if (!(await this.breaker.tryAcquire(model.provider))) {
      state.emit({ type: 'skipped', model: model.id, reason: 'circuit_open' });
      state.lastError ??= new ProviderError('circuit_open', `${model.provider}: skipped, too many recent failures`);
      return undefined;
    }
    return endpoint;
  }

  /** An attempt that answered: accounted, appended, and the call is done. */
  private async succeed(state: CallState, done: AttemptDone, reply: ChatResult): Promise<RoutedResult> {
    const { result } = state;
    await this.breaker.success(done.model.provider);
    // Accounting sits outside the provider call's error handling: its failure never loses the answer.
    const outcome = this.outcome(state, done, { kind: 'ok', ...reply.usage, usageEstimated: reply.usage.estimated });
    await this.account(result, outcome, done.release, state.emit);
    state.outputSoFar += reply.usage.outputTokens;
    this.append(result, done.model.id, reply.text);
    if (reply.toolCalls) result.toolCalls = reply.toolCalls;
    result.complete = true;
    if (LENGTH_REASONS.has(reply.finishReason)) result.truncated = true;
    return finish(state);
  }

  /** An attempt that failed: accounts what it streamed, then stops the call, retries the model, or moves to the next. */
  private async fail(state: CallState, done: AttemptDone, retry: number, last: boolean): Promise<Step> {
    const { model, endpoint, tried } = done;
    const { policy, result } = state;
    const error = toProviderError(tried.error, model.provider, [endpoint.key]);
    const part = tried.part;
    state.lastError = error;
    if (error.kind === 'auth') state.refused.add(keyOf(endpoint));
    if (error.retryable) await this.breaker.failure(model.provider);
    else await this.breaker.release(model.provider);
    // A broken stream still cost what it produced.
    const partTokens = streamedTokens(tried);
    const outcome = this.outcome(state, done, {
      kind: error.kind,
      error: error.message,
      inputTokens: part ? estimateTokens(done.messages.map((m) => m.content).join('\n')) : 0,
      outputTokens: partTokens,
      usageEstimated: true,
    });
    await this.account(result, outcome, done.release, state.emit);
    state.outputSoFar += partTokens;
    this.append(result, model.id, part);
    const failed = (next: 'retry' | 'fallback' | 'stop', delayMs?: number) =>
      state.emit({
        type: 'failed',
        model: model.id,
        kind: error.kind,
        message: error.message,
        next,
        ...(delayMs !== undefined ? { delayMs } : {}),
      });
    // Half a function call already relayed cannot be finished by another model: the call stops there.
    if (!error.canFallBack || tried.toolChars > 0 || (result.text !== '' && policy.midStream === 'stop')) {
      failed('stop');
      return { done: finish(state, error) };
    }
    const waitMs = backoffDelay(retry, policy.backoff, error.details.retryAfterMs, this.options.random);
    if (error.retryable && part === '' && retry < policy.retries && (error.details.retryAfterMs ?? 0) <= policy.maxRetryWaitMs) {
      failed('retry', waitMs);
      try {
        await sleep(waitMs, state.request.signal);
      } catch {
        return { done: finish(state, new ProviderError('aborted', 'call cancelled')) };
      }
      return 'retry';
    }
    failed(last ? 'stop' : 'fallback');
    return 'next';
  }

  /** The record of an attempt: who, when, how long, and what it cost. */
  private outcome(
    state: CallState,
    done: AttemptDone,
    fields: Pick<AttemptOutcome, 'kind' | 'inputTokens' | 'outputTokens' | 'usageEstimated'> & { error?: string },
  ): AttemptOutcome {
    const { model, started, tried } = done;
    return {
      id: crypto.randomUUID(),
      at: started,
      callId: state.callId,
      model: model.id,
      provider: model.provider,
      attempt: state.attempt,
      latencyMs: this.now() - started,
      ...(tried.firstTokenMs !== undefined ? { firstTokenMs: tried.firstTokenMs } : {}),
      cost: callCost(model, fields.inputTokens, fields.outputTokens),
      resumed: done.resumed,
      ...fields,
    };
  }

  /**
   * One provider call, streamed when `relay` reads it. A streaming provider that ignores max_tokens is stopped
   * once the streamed tokens (text and function calls' arguments, counted as in streamedTokens) reach it, and the
   * answer so far is its reply, ending for `length`.
   */
  private async attempt(
    endpoint: Endpoint,
    sent: ChatRequest,
    at: { policy: FallbackPolicy; started: number; signal?: AbortSignal },
    relay?: Relay,
  ): Promise<Attempt> {
    if (!relay) return this.whole(endpoint, sent, at);
    const cap = sent.maxTokens!;
    const stop = new AbortController();
    const cancel = () => stop.abort();
    at.signal?.addEventListener('abort', cancel);
    if (at.signal?.aborted) stop.abort();
    const tried: Attempt = { part: '', pieces: 0, toolChars: 0 };
    const pieces = cappedPieces(tried, cap, relay, {
      piece: () => (tried.firstTokenMs ??= this.now() - at.started),
      stop: () => stop.abort(),
    });
    const { onToken, onToolCall } = pieces;
    try {
      tried.reply = await this.limit(() =>
        chat(endpoint, sent, { signal: stop.signal, timeoutMs: at.policy.timeoutMs, fetch: this.options.fetch, onToken, onToolCall }),
      );
    } catch (e) {
      const capped = pieces.capped();
      if (!capped) tried.error = e;
      const input = estimateTokens(sent.messages.map((m) => m.content).join('\n'));
      if (capped)
        tried.reply = {
          text: tried.part,
          finishReason: 'length',
          usage: { inputTokens: input, outputTokens: streamedTokens(tried), estimated: true },
        };
    } finally {
      at.signal?.removeEventListener('abort', cancel);
    }
    return tried;
  }

  /** One provider call answered whole (no first-token time: the first token comes with the last). */
  private async whole(endpoint: Endpoint, sent: ChatRequest, at: { policy: FallbackPolicy; signal?: AbortSignal }): Promise<Attempt> {
    const tried: Attempt = { part: '', pieces: 0, toolChars: 0 };
    try {
      tried.reply = await this.limit(() =>
        chat(endpoint, sent, {
          ...(at.signal ? { signal: at.signal } : {}),
          timeoutMs: at.policy.timeoutMs,
          ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
        }),
      );
    } catch (e) {
      tried.error = e;
    }
    return tried;
  }

  /** Records an attempt, then frees its reservation. A failure here is reported, never thrown: the call happened. */
  private async account(
    result: RoutedResult,
    outcome: AttemptOutcome,
    release: () => void | Promise<void>,
    emit: (event: RoutedEvent) => void,
  ): Promise<void> {
    result.outcomes.push(outcome);
    result.cost += outcome.cost;
    const steps = [() => this.options.sink?.record(outcome), release];
    for (const step of steps) {
      try {
        await step();
      } catch (e) {
        emit({ type: 'accounting_failed', model: outcome.model, message: (e as Error).message });
      }
    }
  }

  private append(result: RoutedResult, model: string, text: string): void {
    if (!text) return;
    result.text += text;
    result.segments.push({ model, text });
  }
}

/** What one routed call carries from attempt to attempt. */
interface CallState {
  request: RoutedCallRequest;
  policy: FallbackPolicy;
  emit: (event: RoutedEvent) => void;
  /** Shared by the call's attempt records. */
  callId: string;
  result: RoutedResult;
  /** Attempts made so far, over all models. */
  attempt: number;
  /** The model of the last attempt. */
  previous?: string;
  lastError?: ProviderError;
  /** Output tokens of the answer so far (over resumed attempts): they count against max_tokens. */
  outputSoFar: number;
  /** Provider and key pairs the provider refused during this call. */
  refused: Set<string>;
}

/** After an attempt: the call is done, the same model is tried again, or the next model is. */
type Step = { done: RoutedResult } | 'retry' | 'next';

/** An attempt made: the model, where and with what it was called, what came back, and its reservation to free. */
interface AttemptDone {
  model: CatalogModel;
  endpoint: Endpoint;
  messages: ChatMessage[];
  resumed: boolean;
  started: number;
  tried: Attempt;
  release: () => void | Promise<void>;
}

/** Ends the call: records its error, if any, and reports the result. */
function finish(state: CallState, error?: ProviderError): RoutedResult {
  if (error) state.result.error = { kind: error.kind, message: error.message };
  state.emit({ type: 'done', result: state.result });
  return state.result;
}

interface Attempt {
  reply?: ChatResult;
  /** What the call threw (when it gave no reply). */
  error?: unknown;
  /** The text streamed before the reply or the failure, and in how many pieces (function calls' pieces included). */
  part: string;
  pieces: number;
  /** Characters of function calls (names and arguments) streamed and relayed. */
  toolChars: number;
  firstTokenMs?: number;
}

const CHARS_PER_TOKEN = 4;

/** Where a streamed attempt's pieces go: the caller's events. */
interface Relay {
  text(text: string): void;
  toolCall(delta: ToolCallDelta): void;
}

/**
 * A streamed attempt's callbacks: each piece (text, or a function call's) is recorded in `tried` and relayed, cut
 * where it would pass the cap of `cap` tokens; once the cap is reached `stop` runs and nothing more is taken.
 */
function cappedPieces(tried: Attempt, cap: number, relay: Relay, hooks: { piece(): void; stop(): void }) {
  let capped = false;
  const room = () => Math.max(0, cap * CHARS_PER_TOKEN - tried.part.length - tried.toolChars);
  const took = () => {
    hooks.piece();
    tried.pieces += 1;
    if (streamedTokens(tried) < cap) return;
    capped = true;
    hooks.stop();
  };
  return {
    capped: () => capped,
    onToken(text: string) {
      if (capped) return;
      const piece = text.slice(0, room());
      tried.part += piece;
      if (piece) relay.text(piece);
      took();
    },
    onToolCall(delta: ToolCallDelta) {
      if (capped) return;
      const name = delta.name?.length ?? 0;
      const piece = delta.arguments === undefined ? delta : { ...delta, arguments: delta.arguments.slice(0, Math.max(0, room() - name)) };
      tried.toolChars += name + (piece.arguments?.length ?? 0);
      relay.toolCall(piece);
      took();
    },
  };
}

/**
 * Output tokens an attempt streamed (its text and its function calls): at least one a piece (providers send whole
 * tokens) and at least one per four characters (estimateTokens). An honest provider stops itself at max_tokens; this
 * count stops one that does not.
 */
function streamedTokens(tried: Attempt): number {
  return Math.max(tried.pieces, Math.ceil((tried.part.length + tried.toolChars) / CHARS_PER_TOKEN));
}

/** How each wire names an answer stopped at max_tokens (OpenAI, Anthropic, Gemini). */
const LENGTH_REASONS = new Set(['length', 'max_tokens', 'MAX_TOKENS']);

/**
 * An upper bound on a request's input tokens, for reservations: a token of the providers' byte-level BPE
 * tokenizers covers at least one UTF-8 byte, plus a few framing tokens per message; tool definitions count too, and
 * each image at the most an image may cost (IMAGE_TOKEN_BOUND).
 */
export function maxInputTokens(messages: readonly ChatMessage[], tools?: readonly ToolSpec[]): number {
  const bytes = (text: string) => UTF8.encode(text).length;
  const framing = 8;
  return (
    messages.reduce((n, m) => n + bytes(m.content) + (m.toolCalls ? bytes(JSON.stringify(m.toolCalls)) : 0) + imageTokens(m) + framing, 0) +
    (tools ? bytes(JSON.stringify(tools)) : 0)
  );
}

const UTF8 = new TextEncoder();

/** One provider with one key (keyless local servers count as one key). */
function keyOf(endpoint: Endpoint): string {
  return `${endpoint.provider}\u0000${endpoint.key ?? ''}`;
}
