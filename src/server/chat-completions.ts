// POST /v1/chat/completions: reads the request, says what to answer with (a router under the cost knob, in a mode,
// with a context policy and the client's profile, or the one model named), runs the engine (core/engine) and
// transports its events: the answer whole or as server-sent events, the decision in x-llmrouter-* headers and an
// optional `llmrouter` field, the outcome record to the log. A streamed answer's headers wait for its first token
// (or function-call piece), so a call that fails before any still gets a proper error status.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { answerWith } from '../core/engine/engine.ts';
import { loggedRecord } from '../core/engine/record.ts';
import { RoutingError } from '../core/engine/routing.ts';
import { ImageInputError } from '../core/engine/images.ts';
import type { Answered, AnswerRequest, EngineEvent, EngineParts, Routing } from '../core/engine/types.ts';
import type { ToolCallDelta } from '../core/providers/types.ts';
import { failureMessage, finishReason } from '../core/engine/ending.ts';
import type { Decision } from '../core/routers/decide.ts';
import type { ModeStep } from '../core/modes/mode.ts';
import type { Gateway } from './gateway.ts';
import { HttpError } from './http-error.ts';
import {
  chatRequestSchema,
  chunk,
  completion,
  coreMessages,
  coreTools,
  errorBody,
  errorStatus,
  openAiToolCallDelta,
  sse,
} from './openai-shapes.ts';
import { usageOf } from './openai-shapes.ts';
import type { ChatCompletionRequest, CompletionUsage } from './openai-shapes.ts';
import type { GatewayRouter } from './routing.ts';
import { parseContext, parseLambda, parseMode, parseModelName, type ModelChoice } from './virtual-models.ts';

/** What the request asks the engine for, before the conversation itself. */
interface Plan {
  router?: GatewayRouter;
  ask: Pick<AnswerRequest, 'policy' | 'mode' | 'context' | 'profile' | 'forced'>;
}

function parseBody(body: unknown): ChatCompletionRequest {
  const parsed = chatRequestSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const param = issue.path.join('.');
  throw new HttpError(400, 'invalid_request_error', 'invalid_request', `${param || 'body'}: ${issue.message}`, param || null);
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A value parsed from the request; a bad one is a 400 with `code`, naming it. */
function parsed<T>(code: string, parse: () => T, param: string | null = null): T {
  try {
    return parse();
  } catch (e) {
    throw new HttpError(400, 'invalid_request_error', code, (e as Error).message, param);
  }
}

/** Whether the call carries tools (definitions, calls or results), which a multi-call mode cannot pass on. */
function usesTools(body: ChatCompletionRequest): boolean {
  return (body.tools?.length ?? 0) > 0 || body.messages.some((m) => m.role === 'tool' || m.tool_calls !== undefined);
}

/** A header's value parsed, or undefined when absent; a bad one is a 400 naming it. */
function fromHeader<T>(request: FastifyRequest, name: string, code: string, parse: (value: string, where: string) => T): T | undefined {
  const value = header(request, name);
  return value === undefined ? undefined : parsed(code, () => parse(value, `header ${name}`));
}

/** The mode and context policy the request asks for (headers first, then the model's `+MODE`). */
function modeAndContext(request: FastifyRequest, choice: ModelChoice, tools: boolean): Pick<AnswerRequest, 'mode' | 'context'> {
  const mode = fromHeader(request, 'x-llmrouter-mode', 'invalid_mode', parseMode) ?? (choice.kind === 'router' ? choice.mode : undefined);
  const context = fromHeader(request, 'x-llmrouter-context', 'invalid_context', parseContext);
  if (mode !== undefined && mode !== 'single') {
    const refuse = (code: string, message: string, param: string) => new HttpError(400, 'invalid_request_error', code, message, param);
    if (tools) throw refuse('tools_not_supported', `the ${mode} mode makes its own calls and passes no tools: send tools alone`, 'tools');
    if (choice.kind === 'direct') throw refuse('invalid_mode', `the ${mode} mode routes: name a router (router-NAME+${mode})`, 'model');
  }
  return { ...(mode ? { mode } : {}), ...(context ? { context } : {}) };
}

function plan(gateway: Gateway, body: ChatCompletionRequest, request: FastifyRequest): Plan {
  const tools = usesTools(body);
  const choice: ModelChoice = parsed('invalid_model', () => parseModelName(body.model), 'model');
  if (choice.kind === 'direct') directCheck(gateway, choice.model);
  const asked = modeAndContext(request, choice, tools);
  if (choice.kind === 'direct') return { ask: { policy: { lambda: 0 }, forced: { models: [choice.model], by: 'direct' }, ...asked } };
  const target = gateway.routers.get(choice.router);
  if (!target) {
    const message = `no router "${choice.router}" is configured (GET /v1/models lists them)`;
    throw new HttpError(404, 'invalid_request_error', 'model_not_found', message, 'model');
  }
  const lambda = fromHeader(request, 'x-llmrouter-lambda', 'invalid_lambda', parseLambda) ?? choice.lambda ?? target.lambda;
  const allowed = target.allowed.filter((m) => gateway.callable.has(m));
  const profile = body.user ? { profile: gateway.learning.profile(body.user) } : {};
  return { router: target, ask: { policy: { lambda, allowed }, ...asked, ...profile } };
}

function directCheck(gateway: Gateway, model: string): void {
  if (!gateway.catalog.models.some((m) => m.id === model))
    throw new HttpError(
      404,
      'invalid_request_error',
      'model_not_found',
      `the model "${model}" does not exist (GET /v1/models lists them)`,
      'model',
    );
  if (!gateway.callable.has(model))
    throw new HttpError(400, 'invalid_request_error', 'model_not_configured', `the gateway has no provider set up for "${model}"`, 'model');
}

/** The engine over this gateway's caller, encoder and callable models, routing with `router` (none: direct). */
function partsOf(gateway: Gateway, router: GatewayRouter | undefined): EngineParts {
  return {
    ...(router ? { router: router.engine } : {}),
    encoder: { embed: async (texts) => (await gateway.embedder()).embed(texts) },
    caller: gateway.caller,
    models: gateway.callableModels,
    concurrency: gateway.config.policy.concurrency,
  };
}

function decisionHeaders(callId: string, routing: Routing, model: string): Record<string, string> {
  const routed = routing.routed;
  return {
    'x-llmrouter-model': model,
    'x-llmrouter-router': routing.router,
    'x-llmrouter-routing-ms': (routed?.ms ?? 0).toFixed(3),
    'x-llmrouter-call-id': callId,
    ...(routed ? { 'x-llmrouter-lambda': String(routed.lambda) } : {}),
  };
}

/** The `llmrouter` field: the decision, the router's estimates, the path the call took, a mode's steps. */
function explain(answered: Answered) {
  const { record, routing, result } = answered;
  const r = routing.routed;
  return {
    llmrouter: {
      call_id: record.callId,
      router: routing.router,
      chosen: record.chosen,
      answered_by: result.kind === 'single' ? result.call.segments.map((s) => s.model) : [result.mode.model],
      cost_usd: answered.outcomes.reduce((s, o) => s + o.cost, 0),
      path: record.path.map((p) => ({ model: p.model, kind: p.kind })),
      ...(r ? { lambda: r.lambda, routing_ms: r.ms, explanation: r.explanation.summary } : {}),
      ...(r ? { estimates: r.decision.ranking.map(estimateOf) } : {}),
      ...(r?.profile ? { profile: { id: r.profile.id, personalised: r.profile.personalised } } : {}),
      ...(result.kind === 'mode' ? { mode: result.mode.mode, steps: result.mode.steps.map(stepOf) } : {}),
      ...(answered.error ? { error: answered.error } : {}),
    },
  };
}

const estimateOf = (e: Decision['ranking'][number]) => ({ model: e.model, quality: e.quality, cost: e.cost, utility: e.utility });
const stepOf = (s: ModeStep) => ({ type: s.type, model: s.model, cost: s.cost });

function usage(answered: Answered) {
  return usageOf(
    answered.outcomes.reduce((n, o) => n + o.inputTokens, 0),
    answered.outcomes.reduce((n, o) => n + o.outputTokens, 0),
  );
}

/** A failed answer's error: the status its kind means (502 when the providers failed), every attempt named. */
function failure(answered: Answered): HttpError {
  const { status, type, code } = errorStatus(answered.error?.kind ?? 'server');
  return new HttpError(status, type, code, failureMessage(answered));
}

/** An engine that could not answer at all: a router that failed, a conversation without a question, a mode that failed. */
function engineFailure(e: unknown): HttpError {
  if (e instanceof HttpError) return e;
  if (e instanceof RoutingError) return new HttpError(503, 'api_error', 'routing_failed', e.message);
  if (e instanceof ImageInputError) return new HttpError(400, 'invalid_request_error', 'images_not_supported', e.message, 'messages');
  if (e instanceof RangeError) return new HttpError(400, 'invalid_request_error', 'invalid_request', e.message, 'messages');
  return new HttpError(502, 'api_error', 'upstream_error', (e as Error).message);
}

function countEvent(gateway: Gateway, event: EngineEvent): void {
  const attempt = event.type === 'attempt' ? event.event : undefined;
  if (attempt?.type === 'accounting_failed') gateway.metrics.accounting.inc();
  if (attempt?.type === 'fallback') gateway.metrics.fallbacks.inc({ from: attempt.from, to: attempt.to });
  if (event.type !== 'decision') return;
  const { routing } = event;
  gateway.metrics.picks.inc({ router: routing.router, model: routing.chain[0]! });
  if (routing.routed) gateway.metrics.routingSeconds.observe({ router: routing.router }, routing.routed.ms / 1000);
}

export async function chatCompletions(gateway: Gateway, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const body = parseBody(request.body);
  const messages = parsed('unsupported_content', () => coreMessages(body), 'messages');
  const planned = plan(gateway, body, request);
  const abort = new AbortController();
  reply.raw.on('close', () => {
    if (!reply.raw.writableFinished) abort.abort();
  });
  const callId = crypto.randomUUID();
  const id = `chatcmpl-${callId}`;
  let routing: Routing | undefined;
  const stream = body.stream === true ? new AnswerStream(reply, id, (model) => decisionHeaders(callId, routing!, model)) : undefined;
  const ask: AnswerRequest = { messages, ...planned.ask, ...callOptions(body), signal: abort.signal, callId, stream: stream !== undefined };
  const answered = await answerWith(partsOf(gateway, planned.router), ask, (event) => {
    if (event.type === 'decision') routing = event.routing;
    if (event.type === 'text') stream?.token(event.model, event.text);
    if (event.type === 'tool_call') stream?.toolCall(event.model, event.delta);
    countEvent(gateway, event);
  }).catch((e: unknown) => {
    throw engineFailure(e);
  });
  gateway.owners.set(callId, request.client);
  await gateway.log?.write({ ...loggedRecord(answered.record), client: request.client });
  gateway.metrics.routedCall(answered.record);
  await gateway.learning.answered(answered, planned.router?.router);
  if (answered.error && answered.outcomes.length === 0) gateway.metrics.errors.inc({ kind: answered.error.kind });
  const extra = gateway.config.explain ? explain(answered) : {};
  const model = modelOf(answered);
  // A failed answer is an error: a status while nothing was sent, else an error event and the `error` finish reason.
  if (answered.error && !stream?.started) throw failure(answered);
  if (stream) {
    const streamedUsage = body.stream_options?.include_usage === true ? usage(answered) : undefined;
    await stream.finish(model, answered, { usage: streamedUsage, extra });
    return reply;
  }
  const toolCalls = answered.result.kind === 'single' ? answered.result.call.toolCalls : undefined;
  const whole = completion(id, model, answered.text, toolCalls, finishReason(answered), usage(answered), extra);
  return reply.headers(decisionHeaders(callId, answered.routing, model)).send(whole);
}

/** The model call's own options: the output cap (what the budget reserves), temperature, tools. */
function callOptions(body: ChatCompletionRequest): Pick<AnswerRequest, 'maxTokens' | 'temperature' | 'tools' | 'toolChoice'> {
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  const temperature = body.temperature ?? undefined;
  return { ...(maxTokens ? { maxTokens } : {}), ...(temperature !== undefined ? { temperature } : {}), ...coreTools(body) };
}

/** The model named in the answer: the first that wrote text, else the last that answered, else the pick. */
function modelOf(answered: Answered): string {
  if (answered.result.kind === 'mode') return answered.result.mode.model;
  const answering = answered.outcomes.filter((o) => o.kind === 'ok').at(-1)?.model;
  return answered.result.call.segments[0]?.model ?? answering ?? answered.record.chosen;
}

/** How a stream ends beside the finish reason: the usage when asked for, the `llmrouter` field. */
interface StreamEnd {
  usage: CompletionUsage | undefined;
  extra: object;
}

/**
 * A streamed answer: its headers go out with the first token or function-call piece (or at the end, for an empty
 * answer); function calls go out as OpenAI's tool_calls deltas as they stream (the first piece of each with its id,
 * made up as `call_<index>` where the wire gives none, and name); a failed answer ends with an error event and the
 * finish reason `error`.
 */
class AnswerStream {
  started = false;

  constructor(
    private readonly reply: FastifyReply,
    private readonly id: string,
    private readonly headers: (model: string) => Record<string, string>,
  ) {}

  private write(data: unknown): void {
    if (!this.reply.raw.destroyed) this.reply.raw.write(sse(data));
  }

  private start(model: string): void {
    this.started = true;
    this.reply.hijack();
    this.reply.raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      ...this.headers(model),
    });
    this.write(chunk(this.id, model, { role: 'assistant', content: '' }, null));
  }

  token(model: string, text: string): void {
    if (!this.started) this.start(model);
    this.write(chunk(this.id, model, { content: text }, null));
  }

  toolCall(model: string, delta: ToolCallDelta): void {
    if (!this.started) this.start(model);
    this.write(chunk(this.id, model, { tool_calls: [openAiToolCallDelta(delta)] }, null));
  }

  /** Sends the end of the answer; resolves once it is all handed to the socket. */
  async finish(model: string, answered: Answered, end: StreamEnd): Promise<void> {
    const { usage, extra } = end;
    if (!this.started) this.start(model);
    if (answered.error) {
      const { type, code } = errorStatus(answered.error.kind);
      this.write(errorBody(failureMessage(answered), type, code));
    }
    this.write(chunk(this.id, model, {}, finishReason(answered), extra));
    if (usage) this.write({ ...chunk(this.id, model, undefined, null), usage });
    this.write('[DONE]');
    await new Promise<void>((resolve) => this.reply.raw.end(resolve));
  }
}
