// `agent` mode (Router-R1): a reasoning model runs think / call / observe, calling the other enabled models as
// tools through the provider's function calling, or the strict text protocol when the provider refuses
// functions or the caller asks for it (agent-protocol.ts), until it answers or a limit stops it: the
// round limit, the cost limit (checked before each turn, and before each call with the call's estimated
// cost), or the user's stop. Each round is reported as it ends; the result compares the loop's cost with
// the router's estimate for the premium model answering alone.
import { callCost, type CatalogModel } from '../catalog/model.ts';
import { estimateTokens } from '../providers/types.ts';
import type { ChatMessage } from '../routers/complete.ts';
import {
  agentInstructions,
  callModelTool,
  information,
  readFunctionTurn,
  readTurn,
  type AgentProtocol,
  type AgentTurn,
} from './agent-protocol.ts';
import { cheapestAble, modelById, premiumOf, timedCall, Trace, type ModeEnv, type ModeResult, type ModeStep } from './mode.ts';

export interface AgentOptions {
  /** The reasoning model (default: the cheapest enabled model with the "reasoning" strength, else the cheapest able). */
  reasoner?: string;
  maxRounds?: number;
  /** USD the whole loop may spend. */
  maxCost?: number;
  /** Output tokens allowed to each call (and assumed by the cost check). */
  maxTokens?: number;
  /** Function calling (default; the text protocol if the provider refuses it) or the text protocol. */
  protocol?: AgentProtocol;
}

export const AGENT_DEFAULTS = { maxRounds: 4, maxCost: 0.05, maxTokens: 1024 };

type RoundStep = Extract<ModeStep, { type: 'round' }>;

export async function runAgent(query: string, env: ModeEnv, o: AgentOptions = {}): Promise<ModeResult> {
  const { maxRounds, maxCost, maxTokens } = { ...AGENT_DEFAULTS, ...o };
  const trace = new Trace(env);
  const reasoner = o.reasoner ? modelById(env, o.reasoner) : defaultReasoner(env, query);
  const tools = env.models.filter((m) => m.id !== reasoner.id);
  const premium = premiumOf(await env.route(query));
  let protocol = o.protocol ?? 'functions';
  const messages: ChatMessage[] = [
    { role: 'system', content: agentInstructions(tools, maxRounds, protocol) },
    ...(env.history ?? []),
    { role: 'user', content: query },
  ];
  let fallback = '';
  let protocolNote: string | undefined;
  const finish = (text: string, model: string, note?: string) => ({
    ...trace.result('agent', text || fallback, model, [protocolNote, note].filter(Boolean).join('; ') || undefined),
    ...(premium ? { premiumEstimate: { model: premium.model, cost: premium.cost } } : {}),
  });

  for (let index = 1; index <= maxRounds; index++) {
    if (env.signal?.aborted) return finish('', reasoner.id, `stopped by you after ${index - 1} rounds`);
    if (trace.cost >= maxCost) return finish('', reasoner.id, `stopped at the cost limit ($${maxCost}) after ${index - 1} rounds`);
    let reply;
    try {
      reply = await timedCall(env, reasoner.id, messages, {
        maxTokens,
        ...(protocol === 'functions' ? { tools: [callModelTool(tools)] } : {}),
      });
    } catch (e) {
      // A provider that refuses function calling (an error on the first turn): the text protocol from here on.
      if (protocol !== 'functions' || index > 1 || env.signal?.aborted) throw e;
      protocol = 'text';
      protocolNote = `${reasoner.id} refused function calling (${(e as Error).message}): the text protocol was used`;
      messages[0] = { role: 'system', content: agentInstructions(tools, maxRounds, protocol) };
      reply = await timedCall(env, reasoner.id, messages, { maxTokens });
    }
    const turn = protocol === 'functions' ? readFunctionTurn(reply.text, reply.toolCalls) : readTurn(reply.text);
    const step: RoundStep = {
      type: 'round',
      index,
      model: reasoner.id,
      cost: reply.cost,
      ms: reply.ms,
      toolCost: 0,
      ...(turn.think ? { think: turn.think } : {}),
    };
    if (turn.kind === 'answer') {
      trace.add(step);
      return finish(turn.answer, reasoner.id);
    }
    // The call goes back into the conversation as text, so every provider reads the history the same way.
    messages.push({
      role: 'assistant',
      content:
        turn.kind === 'call' && protocol === 'functions' ? `${reply.text}\ncall_model(${turn.model}): ${turn.query}`.trim() : reply.text,
    });
    const observed = await observe(env, turn, step, tools, { spent: trace.cost, maxCost, maxTokens });
    if (!observed) {
      trace.add(step);
      return finish('', reasoner.id, `stopped at the cost limit ($${maxCost}) in round ${index}`);
    }
    if (observed.answered) fallback = observed.observation;
    messages.push({ role: 'user', content: information(observed.observation) });
    trace.add(step);
  }
  return finish('', reasoner.id, `stopped at the round limit (${maxRounds}): the last model's answer is shown`);
}

/**
 * What a round that did not answer sees next: its error, or the answer of the model it called (written into the step).
 * Undefined when the call's estimated cost would pass the limit: it is not made, and the step says why.
 */
async function observe(
  env: ModeEnv,
  turn: Exclude<AgentTurn, { kind: 'answer' }>,
  step: RoundStep,
  tools: readonly CatalogModel[],
  limits: { spent: number; maxCost: number; maxTokens: number },
): Promise<{ observation: string; answered: boolean } | undefined> {
  if (turn.kind === 'invalid') {
    step.error = turn.error;
    return { observation: turn.error, answered: false };
  }
  step.call = { model: turn.model, query: turn.query };
  const tool = tools.find((m) => m.id === turn.model);
  if (!tool) {
    step.error = `unknown model "${turn.model}": call one of ${tools.map((m) => m.id).join(', ')}`;
    return { observation: step.error, answered: false };
  }
  const estimate = callCost(tool, estimateTokens(turn.query), limits.maxTokens);
  if (limits.spent + step.cost + estimate > limits.maxCost) {
    step.error = `not called: about $${estimate.toFixed(4)} more would pass the cost limit ($${limits.maxCost})`;
    return undefined;
  }
  const answer = await timedCall(env, tool.id, [{ role: 'user', content: turn.query }], { maxTokens: limits.maxTokens });
  step.observation = answer.text;
  step.toolCost = answer.cost;
  step.cost += answer.cost;
  step.ms += answer.ms;
  return { observation: answer.text, answered: true };
}

function defaultReasoner(env: ModeEnv, query: string) {
  const reasoning = env.models.filter((m) => m.strengths.includes('reasoning'));
  return reasoning.length > 0 ? cheapestAble({ ...env, models: reasoning }, query) : cheapestAble(env, query);
}
