// The one path from a conversation to an answer: choose the context, route (router, profile, shared decision),
// call (the routed call with its fallback chain, or a multi-call mode), record (record.ts). The app's chat,
// `llmrouter chat` and `llmrouter serve` call `answer` and only render or transport its events.
import { completeVia } from '../routers/routed-complete.ts';
import { runMode } from '../modes/run-mode.ts';
import type { ModeEnv, ModeResult } from '../modes/mode.ts';
import type { AttemptOutcome } from '../providers/outcome.ts';
import type { RoutedCallRequest, RoutedResult } from '../providers/routed-call.ts';
import { chooseContext, type ChosenContext } from './conversation.ts';
import { eventStream } from './event-stream.ts';
import { outcomeRecord } from './record.ts';
import { routeMessage } from './routing.ts';
import type { Answered, AnswerRequest, EngineEvent, EngineParts, Routing } from './types.ts';

/** Answers the conversation: yields `decision`, then `attempt`/`text` (or `step`) events, then `done`. */
export function answer(parts: EngineParts, request: AnswerRequest): AsyncGenerator<EngineEvent, void> {
  return eventStream<EngineEvent>(async (emit) => emit({ type: 'done', answered: await respond(parts, request, emit) }));
}

/** The same answer with a callback for the events; resolves with how it ended. */
export async function answerWith(parts: EngineParts, request: AnswerRequest, onEvent: (event: EngineEvent) => void = () => {}): Promise<Answered> {
  let answered: Answered | undefined;
  for await (const event of answer(parts, request)) {
    onEvent(event);
    if (event.type === 'done') answered = event.answered;
  }
  return answered!;
}

async function respond(parts: EngineParts, request: AnswerRequest, emit: (event: EngineEvent) => void): Promise<Answered> {
  const now = parts.now ?? Date.now;
  const at = now();
  const callId = request.callId ?? crypto.randomUUID();
  const context = await chooseContext(request.messages, request.context, parts.encoder);
  const routing = await routingOf(parts, request, context);
  emit({ type: 'decision', routing });
  const finish = (text: string, outcomes: readonly AttemptOutcome[], result: Answered['result'], error?: RoutedResult['error']): Answered => {
    const record = outcomeRecord({ id: crypto.randomUUID(), callId, at, end: now(), query: context.query, routing, outcomes, models: parts.models, sent: context.messages, ...(result.kind === 'mode' ? { mode: result.mode } : {}), ...(error ? { error: error.message } : {}) });
    return { text, record, routing, outcomes: [...outcomes], result, ...(error ? { error } : {}) };
  };
  const mode = request.mode ?? 'single';
  if (mode !== 'single' && !request.forced) {
    const outcomes: AttemptOutcome[] = [];
    const result = await runModeAnswer(parts, request, context, routing, { callId, outcomes, emit });
    emit({ type: 'text', model: result.model, text: result.text });
    return finish(result.text, outcomes, { kind: 'mode', mode: result });
  }
  const call = await parts.caller.call({
    callId,
    ranking: routing.chain.map((model) => ({ model })),
    messages: context.messages,
    ...callOptions(request),
    onEvent(event) {
      if (event.type === 'token') emit({ type: 'text', model: event.model, text: event.text });
      else if (event.type !== 'done') emit({ type: 'attempt', event });
    },
  });
  return finish(call.text, call.outcomes, { kind: 'single', call }, call.error);
}

/** The model call's own options from the request (the budget reserves what `maxTokens` allows). */
function callOptions(request: AnswerRequest): Pick<RoutedCallRequest, 'maxTokens' | 'temperature' | 'tools' | 'toolChoice' | 'signal'> {
  return {
    ...(request.maxTokens !== undefined ? { maxTokens: request.maxTokens } : {}),
    ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
    ...(request.tools ? { tools: request.tools } : {}),
    ...(request.toolChoice !== undefined ? { toolChoice: request.toolChoice } : {}),
    ...(request.signal ? { signal: request.signal } : {}),
  };
}

/** The router's decision (personalised), with the models the user named first; the named models alone without a router. */
async function routingOf(parts: EngineParts, request: AnswerRequest, context: ChosenContext): Promise<Routing> {
  const forced = request.forced;
  if (!parts.router) {
    if (!forced || forced.models.length === 0) throw new Error('no router is set up: name the model to call');
    return { router: 'direct', chain: [...forced.models], forced };
  }
  const routed = await routeMessage(parts.router, parts.encoder, { text: context.query, turns: context.routerTurns, policy: request.policy, ...(request.profile ? { profile: request.profile } : {}) });
  const ranked = routed.decision.ranking.map((r) => r.model);
  const chain = forced ? [...forced.models, ...ranked.filter((m) => !forced.models.includes(m))] : ranked;
  return { router: parts.router.name, chain, ...(forced ? { forced } : {}), routed };
}

interface ModeRun {
  callId: string;
  /** Every provider attempt the mode's calls made, collected for the record. */
  outcomes: AttemptOutcome[];
  emit(event: EngineEvent): void;
}

/** A multi-call mode (cascade, llm-router, decompose, agent) over the same routed caller and routing. */
function runModeAnswer(parts: EngineParts, request: AnswerRequest, context: ChosenContext, routing: Routing, run: ModeRun): Promise<ModeResult> {
  const router = parts.router!;
  const routed = routing.routed!;
  const caller = {
    call: async (call: RoutedCallRequest) => {
      const result = await parts.caller.call({ ...call, callId: run.callId });
      run.outcomes.push(...result.outcomes);
      return result;
    },
  };
  const allowed = request.policy.allowed;
  const env: ModeEnv = {
    models: allowed ? parts.models.filter((m) => allowed.includes(m.id)) : parts.models,
    complete: completeVia(caller),
    history: context.history,
    route: async (text) => (text === context.query ? routed : await routeMessage(router, parts.encoder, { text, turns: [], policy: request.policy, ...(request.profile ? { profile: request.profile } : {}) })).decision,
    ...(parts.concurrency ? { concurrency: parts.concurrency } : {}),
    ...(request.signal ? { signal: request.signal } : {}),
    onStep: (step) => run.emit({ type: 'step', step }),
  };
  const options = request.modeOptions ?? {};
  return runMode(request.mode as Exclude<typeof request.mode, 'single' | undefined>, context.query, env, { ...options, cascade: { lambda: request.policy.lambda, ...options.cascade } });
}
