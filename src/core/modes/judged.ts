// `llm-router` mode: a judge model (the cheapest able one by default) reads the query and every enabled
// model's catalog description and names the model to answer (the llm-router router's prompt and reading);
// a reply naming no enabled model falls back to the active router's pick, and says so.
import { JUDGE_INSTRUCTIONS, describeModel, judgePrompt, namedModel } from '../routers/llm-router.ts';
import { cheapestAble, modelById, timedCall, Trace, withHistory, type ModeEnv, type ModeResult } from './mode.ts';

export interface JudgedOptions {
  judge?: string;
  maxTokens?: number;
}

export async function runJudged(query: string, env: ModeEnv, o: JudgedOptions = {}): Promise<ModeResult> {
  const trace = new Trace(env);
  const judge = o.judge ? modelById(env, o.judge) : cheapestAble(env, query);
  const ids = env.models.map((m) => m.id);
  const prompt = judgePrompt(
    query,
    ids,
    env.models.map((m) => describeModel(m)),
  );
  const verdict = await timedCall(
    env,
    judge.id,
    [
      { role: 'system', content: JUDGE_INSTRUCTIONS },
      { role: 'user', content: prompt },
    ],
    { maxTokens: 32, temperature: 0 },
  );
  const chosen = namedModel(verdict.text, ids);
  trace.add({
    type: 'judge',
    model: judge.id,
    cost: verdict.cost,
    ms: verdict.ms,
    reply: verdict.text.slice(0, 200),
    ...(chosen ? { chosen } : {}),
  });
  const model = chosen ?? (await env.route(query)).model;
  const answer = await timedCall(env, model, withHistory(env, query), { maxTokens: o.maxTokens });
  trace.add({ type: 'answer', model, cost: answer.cost, ms: answer.ms });
  return trace.result(
    'llm-router',
    answer.text,
    model,
    chosen ? undefined : `${judge.id}'s reply named no enabled model: the router's pick answered`,
  );
}
