// The one path from a conversation to an answer: choose the context, route (router, profile, shared decision),
// call (the routed call with its fallback chain, or a multi-call mode), record (record.ts); a conversation with
// images is answered only by models that read them (images.ts). The app's chat, `llmrouter chat` and
// `llmrouter serve` call `answer` and only render or transport its events.
import { completeVia } from '../routers/routed-complete.ts';
import { runMode, type MultiCallMode } from '../modes/run-mode.ts';
import type { ModeEnv, ModeResult } from '../modes/mode.ts';
import type { AttemptOutcome } from '../providers/outcome.ts';
import type { RoutedCallRequest, RoutedResult } from '../providers/routed-call.ts';
import { chooseContext, type ChosenContext } from './conversation.ts';
import { eventStream } from './event-stream.ts';
import { forImages } from './images.ts';
import { outcomeRecord } from './record.ts';
import { routeMessage, type RouteInput } from './routing.ts';
import type { Answered, AnswerRequest, EngineEvent, EngineParts, Routing } from './types.ts';

type Emit = (event: EngineEvent) => void;

/** Answers the conversation: yields `decision`, then `attempt`/`text` (or `step`) events, then `done`. */
export function answer(parts: EngineParts, request: AnswerRequest): AsyncGenerator<EngineEvent, void> {
  return eventStream<EngineEvent>(async (emit) => emit({ type: 'done', answered: await respond(parts, request, emit) }));
}

/**
 * The same answer with a callback told each event as it happens (no async iterator between: a promise and a
 * queue per event is a gateway's hot path); resolves with how it ended. A callback that throws hears no more
 * events, and the answer rejects with its error once the call has settled.
 */
export async function answerWith(parts: EngineParts, request: AnswerRequest, onEvent: Emit = () => {}): Promise<Answered> {
  let failed: { error: unknown } | undefined;
  const emit: Emit = (event) => {
    if (failed) return;
    try {
      onEvent(event);
    } catch (error) {
      failed = { error };
    }
  };
  const answered = await respond(parts, request, emit);
  emit({ type: 'done', answered });
  if (failed) throw failed.error;
  return answered;
}

/** How the answer ended, before its record: the text, every attempt, the call's or the mode's result. */
type Ending = Pick<Answered, 'text' | 'outcomes' | 'result' | 'error'>;

async function respond(parts: EngineParts, asked: AnswerRequest, emit: Emit): Promise<Answered> {
  const request = forImages(parts, asked);
  const now = parts.now ?? Date.now;
  const at = now();
  const callId = request.callId ?? crypto.randomUUID();
  const context = await chooseContext(request.messages, request.context, parts.encoder);
  const routing = await routingOf(parts, request, context);
  emit({ type: 'decision', routing });
  const multiCall = (request.mode ?? 'single') !== 'single' && !request.forced;
  const run = { callId, emit };
  const ending = await (multiCall ? modeAnswer : singleAnswer)(parts, request, context, routing, run);
  const { result, error } = ending;
  const record = outcomeRecord({
    id: crypto.randomUUID(),
    callId,
    at,
    end: now(),
    query: context.query,
    routing,
    outcomes: ending.outcomes,
    models: parts.models,
    sent: context.messages,
    ...(result.kind === 'mode' ? { mode: result.mode } : {}),
    ...(error ? { error: error.message } : {}),
  });
  return { ...ending, record, routing };
}

/** The router's decision (personalised), with the models the user named first; the named models alone without a router. */
async function routingOf(parts: EngineParts, request: AnswerRequest, context: ChosenContext): Promise<Routing> {
  const forced = request.forced;
  if (!parts.router) {
    if (!forced || forced.models.length === 0) throw new Error('no router is set up: name the model to call');
    return { router: 'direct', chain: [...forced.models], forced };
  }
  const routed = await routeMessage(parts.router, parts.encoder, routeInput(request, context.query, context.routerTurns));
  const ranked = routed.decision.ranking.map((r) => r.model);
  const chain = forced ? [...forced.models, ...ranked.filter((m) => !forced.models.includes(m))] : ranked;
  return {
    router: routed.textOnly ? `${parts.router.name} (text only: encoder loading)` : parts.router.name,
    chain,
    ...(forced ? { forced } : {}),
    routed,
  };
}

function routeInput(request: AnswerRequest, text: string, turns: string[]): RouteInput {
  return { text, turns, policy: request.policy, ...(request.profile ? { profile: request.profile } : {}) };
}

interface Run {
  callId: string;
  emit: Emit;
}

type Answering = (parts: EngineParts, request: AnswerRequest, context: ChosenContext, routing: Routing, run: Run) => Promise<Ending>;

/** One routed call down the chain, its text streamed; the budget reserves what `maxTokens` allows. */
const singleAnswer: Answering = async (parts, request, context, routing, run) => {
  const { maxTokens, temperature, tools, toolChoice, signal, stream } = request;
  const call: RoutedResult = await parts.caller.call({
    callId: run.callId,
    ranking: routing.chain.map((model) => ({ model })),
    messages: context.messages,
    ...(maxTokens !== undefined ? { maxTokens } : {}),
    ...(temperature !== undefined ? { temperature } : {}),
    ...(tools ? { tools } : {}),
    ...(toolChoice !== undefined ? { toolChoice } : {}),
    ...(signal ? { signal } : {}),
    ...(stream !== undefined ? { stream } : {}),
    onEvent(event) {
      if (event.type === 'token') run.emit({ type: 'text', model: event.model, text: event.text });
      else if (event.type === 'tool_call') run.emit(event);
      else if (event.type !== 'done') run.emit({ type: 'attempt', event });
    },
  });
  return { text: call.text, outcomes: call.outcomes, result: { kind: 'single', call }, ...(call.error ? { error: call.error } : {}) };
};

/** A multi-call mode (cascade, llm-router, decompose, agent) over the same routed caller and routing. */
const modeAnswer: Answering = async (parts, request, context, routing, run) => {
  const outcomes: AttemptOutcome[] = [];
  const caller = {
    call: async (call: RoutedCallRequest) => {
      const result = await parts.caller.call({ ...call, callId: run.callId });
      outcomes.push(...result.outcomes);
      return result;
    },
  };
  const allowed = request.policy.allowed;
  const firstDecision = routing.routed!.decision;
  const route = async (text: string) => {
    if (text === context.query) return firstDecision;
    return (await routeMessage(parts.router!, parts.encoder, routeInput(request, text, []))).decision;
  };
  const env: ModeEnv = {
    models: allowed ? parts.models.filter((m) => allowed.includes(m.id)) : parts.models,
    complete: completeVia(caller),
    history: context.history,
    route,
    ...(parts.concurrency ? { concurrency: parts.concurrency } : {}),
    ...(request.signal ? { signal: request.signal } : {}),
    onStep: (step) => run.emit({ type: 'step', step }),
  };
  const options = request.modeOptions ?? {};
  const cascade = { lambda: request.policy.lambda, ...options.cascade };
  const mode: ModeResult = await runMode(request.mode as MultiCallMode, context.query, env, { ...options, cascade });
  run.emit({ type: 'text', model: mode.model, text: mode.text });
  return { text: mode.text, outcomes, result: { kind: 'mode', mode } };
};
