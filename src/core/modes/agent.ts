// `agent` mode (Router-R1): a reasoning model runs think / call / observe, calling the other enabled models as
// tools through the provider's function calling, or the strict text protocol when the provider refuses
// functions or the caller asks for it (agent-protocol.ts), until it answers or a limit stops it: the
// round limit, the cost limit (checked before each turn, and before each call with the call's estimated
// cost), or the user's stop. Each round is reported as it ends; the result compares the loop's cost with
// the router's estimate for the premium model answering alone.
import { callCost } from '../catalog/model.ts';
import { estimateTokens } from '../providers/types.ts';
import type { ChatMessage } from '../routers/complete.ts';
import { agentInstructions, callModelTool, information, readFunctionTurn, readTurn, type AgentProtocol } from './agent-protocol.ts';
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
    let observation: string;
    if (turn.kind === 'invalid') {
      observation = step.error = turn.error;
    } else {
      step.call = { model: turn.model, query: turn.query };
      const tool = tools.find((m) => m.id === turn.model);
      const estimate = tool ? callCost(tool, estimateTokens(turn.query), maxTokens) : 0;
      if (!tool) {
        observation = step.error = `unknown model "${turn.model}": call one of ${tools.map((m) => m.id).join(', ')}`;
      } else if (trace.cost + step.cost + estimate > maxCost) {
        step.error = `not called: about $${estimate.toFixed(4)} more would pass the cost limit ($${maxCost})`;
        trace.add(step);
        return finish('', reasoner.id, `stopped at the cost limit ($${maxCost}) in round ${index}`);
      } else {
        const answer = await timedCall(env, tool.id, [{ role: 'user', content: turn.query }], { maxTokens });
        observation = step.observation = fallback = answer.text;
        step.toolCost = answer.cost;
        step.cost += answer.cost;
        step.ms += answer.ms;
      }
    }
    messages.push({ role: 'user', content: information(observation) });
    trace.add(step);
  }
  return finish('', reasoner.id, `stopped at the round limit (${maxRounds}): the last model's answer is shown`);
}

function defaultReasoner(env: ModeEnv, query: string) {
  const reasoning = env.models.filter((m) => m.strengths.includes('reasoning'));
  return reasoning.length > 0 ? cheapestAble({ ...env, models: reasoning }, query) : cheapestAble(env, query);
}
