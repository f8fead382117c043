// `decompose` mode (LLMRouter's multi-round routers): a planner (the cheapest able model by default) splits
// the query into at most N sub-queries as JSON (plan.ts; asked once more on a bad reply, single routing if
// still bad); each sub-query is routed by the active router (knn-multiround) or takes the model the planner
// assigned (llm-multiround), all answered in parallel within the concurrency limit; an aggregator (the
// router's pick for the whole query) writes the final answer from the sub-answers.
import pLimit from 'p-limit';
import type { ChatMessage } from '../routers/complete.ts';
import { readPlan, planPrompt, retryPrompt, type SubQuery } from './plan.ts';
import { cheapestAble, modelById, timedCall, Trace, withHistory, type ModeEnv, type ModeResult } from './mode.ts';

export interface DecomposeOptions {
  /** At most this many sub-queries. */
  maxParts?: number;
  planner?: string;
  /** Who picks each sub-query's model: the active router (knn-multiround) or the planner (llm-multiround). */
  assign?: 'router' | 'planner';
  maxTokens?: number;
}

export const DEFAULT_MAX_PARTS = 4;

/** The aggregator's prompt: the original request and every sub-answer. */
export function aggregatePrompt(query: string, parts: readonly { query: string; text: string }[]): string {
  const answers = parts.map((p, i) => `Sub-question ${i + 1}: ${p.query}\nAnswer ${i + 1}: ${p.text}`).join('\n\n');
  return (
    "Answer the user's request using the answers to its sub-questions below. " +
    `Write one complete, coherent answer.\n\nRequest:\n${query}\n\n${answers}`
  );
}

export async function runDecompose(query: string, env: ModeEnv, o: DecomposeOptions = {}): Promise<ModeResult> {
  const trace = new Trace(env);
  const maxParts = o.maxParts ?? DEFAULT_MAX_PARTS;
  const assign = o.assign ?? 'router';
  const planner = o.planner ? modelById(env, o.planner) : cheapestAble(env, query);
  const plan = await makePlan(query, env, trace, planner.id, maxParts, assign);
  if (!plan) {
    const single = await env.route(query);
    const answer = await timedCall(env, single.model, withHistory(env, query), { maxTokens: o.maxTokens });
    trace.add({ type: 'answer', model: answer.model, cost: answer.cost, ms: answer.ms });
    return trace.result('decompose', answer.text, answer.model, 'the planner gave no valid plan twice: answered with single routing');
  }

  const limit = pLimit(env.concurrency ?? 4);
  const enabled = new Set(env.models.map((m) => m.id));
  const parts = await Promise.all(
    plan.map((sub, index) =>
      limit(async () => {
        const byPlanner = assign === 'planner' && sub.model !== undefined && enabled.has(sub.model);
        const model = byPlanner ? sub.model! : (await env.route(sub.query)).model;
        const answer = await timedCall(env, model, [{ role: 'user', content: sub.query }], { maxTokens: o.maxTokens });
        trace.add({
          type: 'sub-answer',
          index,
          query: sub.query,
          model,
          text: answer.text,
          cost: answer.cost,
          ms: answer.ms,
          assignedBy: byPlanner ? 'planner' : 'router',
        });
        return { query: sub.query, text: answer.text };
      }),
    ),
  );
  const aggregator = (await env.route(query)).model;
  const final = await timedCall(env, aggregator, withHistory(env, aggregatePrompt(query, parts)), { maxTokens: o.maxTokens });
  trace.add({ type: 'aggregate', model: aggregator, cost: final.cost, ms: final.ms });
  return trace.result('decompose', final.text, aggregator);
}

/** The planner's sub-queries, asking once more on a bad reply; undefined when both replies were bad. */
async function makePlan(
  query: string,
  env: ModeEnv,
  trace: Trace,
  planner: string,
  maxParts: number,
  assign: 'router' | 'planner',
): Promise<SubQuery[] | undefined> {
  const messages: ChatMessage[] = [{ role: 'user', content: planPrompt(query, maxParts, assign === 'planner' ? env.models : undefined) }];
  for (let attempt = 1; attempt <= 2; attempt++) {
    const reply = await timedCall(env, planner, messages, { temperature: 0 });
    const plan = readPlan(reply.text, maxParts);
    const record = { type: 'plan' as const, model: planner, cost: reply.cost, ms: reply.ms, attempt };
    if (plan.ok) {
      trace.add({ ...record, subqueries: plan.subqueries });
      return plan.subqueries;
    }
    trace.add({ ...record, error: plan.error });
    messages.push({ role: 'assistant', content: reply.text }, { role: 'user', content: retryPrompt(plan.error) });
  }
  return undefined;
}
