// POST /v1/chat/completions: reads the request, plans the call (a router's ranking under the cost knob, or
// the one model named), makes it through the routed caller (fallback, retries, breaker, budget), and answers
// whole or as server-sent events, with the decision in x-llmrouter-* headers and an optional `llmrouter`
// field. A streamed answer's headers wait for its first token, so a call that fails before any text still
// gets a proper error status.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RoutedEvent, RoutedResult } from '../core/providers/routed-call.ts';
import { premiumOf } from '../core/modes/mode.ts';
import { routedCallRecord, type CallContext } from './call-record.ts';
import type { Gateway } from './gateway.ts';
import { HttpError } from './http-error.ts';
import { chatRequestSchema, chunk, completion, coreMessages, coreTools, errorStatus, openAiToolCalls, sse, usageOf, type ChatCompletionRequest } from './openai-shapes.ts';
import { routeQuery, type Routed } from './routing.ts';
import { parseLambda, parseModelName } from './virtual-models.ts';

interface CallPlan {
  router: string;
  ranking: { model: string }[];
  routed?: Routed;
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

/** Whether the call carries tools (definitions, calls or results): then only tool-capable models may answer. */
function usesTools(body: ChatCompletionRequest): boolean {
  return (body.tools?.length ?? 0) > 0 || body.messages.some((m) => m.role === 'tool' || m.tool_calls !== undefined);
}

async function plan(gateway: Gateway, body: ChatCompletionRequest, query: CallContext, request: FastifyRequest): Promise<CallPlan> {
  const callable = usesTools(body) ? gateway.toolCapable : gateway.callable;
  let choice;
  try {
    choice = parseModelName(body.model);
  } catch (e) {
    throw new HttpError(400, 'invalid_request_error', 'invalid_model', (e as Error).message, 'model');
  }
  if (choice.kind === 'direct') {
    if (!gateway.catalog.models.some((m) => m.id === choice.model)) throw new HttpError(404, 'invalid_request_error', 'model_not_found', `the model "${choice.model}" does not exist (GET /v1/models lists them)`, 'model');
    if (!gateway.callable.has(choice.model)) throw new HttpError(400, 'invalid_request_error', 'model_not_configured', `the gateway has no provider set up for "${choice.model}"`, 'model');
    if (!callable.has(choice.model)) throw new HttpError(400, 'invalid_request_error', 'tools_not_supported', `the provider of "${choice.model}" does not take tools through the gateway (OpenAI-compatible providers do)`, 'tools');
    gateway.metrics.picks.inc({ router: 'direct', model: choice.model });
    return { router: 'direct', ranking: [{ model: choice.model }] };
  }
  const target = gateway.routers.get(choice.router);
  if (!target) throw new HttpError(404, 'invalid_request_error', 'model_not_found', `no router "${choice.router}" is configured (GET /v1/models lists them)`, 'model');
  const knob = header(request, 'x-llmrouter-lambda');
  let lambda: number;
  try {
    lambda = knob !== undefined ? parseLambda(knob, 'header x-llmrouter-lambda') : (choice.lambda ?? target.lambda);
  } catch (e) {
    throw new HttpError(400, 'invalid_request_error', 'invalid_lambda', (e as Error).message);
  }
  let routed: Routed;
  try {
    routed = await routeQuery(target, { text: query.query, context: query.context }, lambda, callable, gateway.embedder);
  } catch (e) {
    throw new HttpError(503, 'api_error', 'routing_failed', `router "${target.name}": ${(e as Error).message}`);
  }
  gateway.metrics.routingSeconds.observe({ router: target.name }, routed.routingMs / 1000);
  gateway.metrics.picks.inc({ router: target.name, model: routed.decision.model });
  return { router: target.name, ranking: routed.decision.ranking.map((r) => ({ model: r.model })), routed };
}

function decisionHeaders(call: CallContext, plan: CallPlan, model: string): Record<string, string> {
  return {
    'x-llmrouter-model': model,
    'x-llmrouter-router': plan.router,
    'x-llmrouter-routing-ms': (plan.routed?.routingMs ?? 0).toFixed(3),
    'x-llmrouter-call-id': call.callId,
    ...(plan.routed ? { 'x-llmrouter-lambda': String(plan.routed.lambda) } : {}),
  };
}

/** The `llmrouter` field: the decision, the router's estimates, the path the call took. */
function explain(call: CallContext, plan: CallPlan, result: RoutedResult) {
  const r = plan.routed;
  return {
    llmrouter: {
      call_id: call.callId,
      router: plan.router,
      chosen: call.chosen,
      answered_by: result.segments.map((s) => s.model),
      cost_usd: result.cost,
      path: result.outcomes.map((o) => ({ model: o.model, kind: o.kind })),
      ...(r
        ? {
            lambda: r.lambda,
            routing_ms: r.routingMs,
            explanation: r.explanation.summary,
            estimates: r.decision.ranking.map((e) => ({ model: e.model, quality: e.quality, cost: e.cost, utility: e.utility })),
          }
        : {}),
      ...(result.error ? { error: result.error } : {}),
    },
  };
}

function finishReason(result: RoutedResult): string {
  if (result.error?.kind === 'content_filter') return 'content_filter';
  return result.toolCalls ? 'tool_calls' : 'stop';
}

function usage(result: RoutedResult) {
  return usageOf(
    result.outcomes.reduce((n, o) => n + o.inputTokens, 0),
    result.outcomes.reduce((n, o) => n + o.outputTokens, 0),
  );
}

function failure(result: RoutedResult): HttpError {
  const error = result.error ?? { kind: 'server' as const, message: 'no answer' };
  const { status, type, code } = errorStatus(error.kind);
  return new HttpError(status, type, code, error.message);
}

export async function chatCompletions(gateway: Gateway, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const body = parseBody(request.body);
  let messages;
  try {
    messages = coreMessages(body);
  } catch (e) {
    throw new HttpError(400, 'invalid_request_error', 'unsupported_content', (e as Error).message, 'messages');
  }
  const users = messages.filter((m) => m.role === 'user').map((m) => m.content);
  const call: CallContext = { callId: crypto.randomUUID(), startedAt: Date.now(), query: users.at(-1) ?? '', context: users.slice(0, -1), router: '', chosen: '', forced: false };
  const planned = await plan(gateway, body, call, request);
  const premium = planned.routed && premiumOf(planned.routed.decision);
  Object.assign(call, {
    router: planned.router,
    chosen: planned.ranking[0]!.model,
    forced: planned.router === 'direct',
    ...(planned.routed ? { lambda: planned.routed.lambda, premium: gateway.catalog.models.find((m) => m.id === premium?.model) } : {}),
  });

  const abort = new AbortController();
  reply.raw.on('close', () => {
    if (!reply.raw.writableFinished) abort.abort();
  });
  const id = `chatcmpl-${call.callId}`;
  const stream = body.stream === true ? new AnswerStream(reply, id, (model) => decisionHeaders(call, planned, model)) : undefined;
  const result = await gateway.caller.call({
    callId: call.callId,
    ranking: planned.ranking,
    messages,
    ...(body.max_completion_tokens ?? body.max_tokens ? { maxTokens: (body.max_completion_tokens ?? body.max_tokens)! } : {}),
    ...(body.temperature != null ? { temperature: body.temperature } : {}),
    ...coreTools(body),
    signal: abort.signal,
    onEvent(event: RoutedEvent) {
      if (event.type === 'fallback') gateway.metrics.fallbacks.inc({ from: event.from, to: event.to });
      if (event.type === 'token') stream?.token(event.model, event.text);
    },
  });
  const record = routedCallRecord(call, result);
  gateway.log?.write(record);
  gateway.metrics.routedCall(record);
  if (result.error && result.outcomes.length === 0) gateway.metrics.errors.inc({ kind: result.error.kind });
  const extra = gateway.config.explain ? explain(call, planned, result) : {};
  const model = result.segments[0]?.model ?? result.outcomes.filter((o) => o.kind === 'ok').at(-1)?.model ?? call.chosen;
  if (result.error && result.text === '' && !stream?.started) throw failure(result);
  if (stream) {
    await stream.finish(model, result, finishReason(result), body.stream_options?.include_usage === true ? usage(result) : undefined, extra);
    return reply;
  }
  return reply.headers(decisionHeaders(call, planned, model)).send(completion(id, model, result.text, result.toolCalls, finishReason(result), usage(result), extra));
}

/** A streamed answer: its headers go out with the first token (or at the end, for an empty answer). */
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
    this.reply.raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', ...this.headers(model) });
    this.write(chunk(this.id, model, { role: 'assistant', content: '' }, null));
  }

  token(model: string, text: string): void {
    if (!this.started) this.start(model);
    this.write(chunk(this.id, model, { content: text }, null));
  }

  /** Sends the end of the answer; resolves once it is all handed to the socket. */
  async finish(model: string, result: RoutedResult, reason: string, usage: ReturnType<typeof usageOf> | undefined, extra: object): Promise<void> {
    if (!this.started) this.start(model);
    if (result.error) {
      const { type, code } = errorStatus(result.error.kind);
      this.write({ error: { message: result.error.message, type, code, param: null } });
    }
    if (result.toolCalls) this.write(chunk(this.id, model, { tool_calls: openAiToolCalls(result.toolCalls).map((call, index) => ({ index, ...call })) }, null));
    this.write(chunk(this.id, model, {}, reason, extra));
    if (usage) this.write({ ...chunk(this.id, model, undefined, null), usage });
    this.write('[DONE]');
    await new Promise<void>((resolve) => this.reply.raw.end(resolve));
  }
}
