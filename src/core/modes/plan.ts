// The planner's contract in `decompose` mode: the prompt asking for at most N sub-queries as JSON, and the
// reading of its reply (JSON found in the text or a code fence, checked against a zod schema and for meaning: no
// placeholder, empty or repeated sub-query) with an error that says what was wrong, so the planner can be asked once more.
import { z } from 'zod';
import { describeModel } from '../routers/llm-router.ts';
import type { CatalogModel } from '../catalog/model.ts';

export interface SubQuery {
  query: string;
  /** The model the planner assigned (llm-multiround); routed by the active router when absent. */
  model?: string;
}

function planSchema(maxParts: number) {
  return z
    .object({
      subqueries: z
        .array(z.object({ query: z.string().trim().min(1), model: z.string().min(1).optional() }).strict())
        .min(1)
        .max(maxParts),
    })
    .strict()
    .superRefine((plan, ctx) => {
      plan.subqueries.forEach(({ query }, i) => {
        const problem = subQueryProblem(
          query,
          plan.subqueries.slice(0, i).map((s) => s.query),
        );
        if (problem) ctx.addIssue({ code: 'custom', path: ['subqueries', i, 'query'], message: problem });
      });
    });
}

/** The same question however it is spaced, cased or ended. */
const questionKey = (query: string) =>
  query
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[\s\p{P}]+$/u, '');

/** Why a sub-query is no question (a placeholder such as the prompt's "...", or one repeating an earlier one), if so. */
function subQueryProblem(query: string, earlier: readonly string[]): string | undefined {
  if (!/[\p{L}\p{N}]/u.test(query)) return `"${query}" is a placeholder, not a question: write out each sub-question`;
  const repeated = earlier.findIndex((e) => questionKey(e) === questionKey(query));
  return repeated >= 0 ? `repeats sub-query ${repeated + 1}: each sub-query must ask something different` : undefined;
}

/** The planner's instructions; with `models`, it also assigns each sub-query a model from their descriptions. */
export function planPrompt(query: string, maxParts: number, models?: readonly CatalogModel[]): string {
  const assign = models
    ? '\nAlso give each sub-query the model that should answer it, as "model", ' +
      `one of:\n${models.map((m) => `- ${m.id}: ${describeModel(m)}`).join('\n')}\n`
    : '';
  const shape = models ? '{"subqueries": [{"query": "...", "model": "..."}]}' : '{"subqueries": [{"query": "..."}]}';
  return (
    `Split the user's request into at most ${maxParts} self-contained sub-queries that can be answered independently; a ` +
    `simple request is one sub-query.${assign}\nReply with JSON only, exactly in this shape: ${shape}\n\nRequest:\n${query}`
  );
}

/** The instruction sent with the planner's bad reply when it is asked again. */
export function retryPrompt(error: string): string {
  return `That reply was not valid: ${error}. Reply again with the JSON object only.`;
}

export type PlanReading = { ok: true; subqueries: SubQuery[] } | { ok: false; error: string };

/** Reads a plan from a reply: the JSON object in it (a ```json fence, or from the first "{" to the last "}" or the end). */
export function readPlan(reply: string, maxParts: number): PlanReading {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(reply)?.[1];
  const start = reply.indexOf('{');
  if (fenced === undefined && start < 0) return { ok: false, error: 'no JSON object found' };
  const end = reply.lastIndexOf('}');
  const text = fenced ?? (end > start ? reply.slice(start, end + 1) : reply.slice(start));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `not JSON (${(e as Error).message})` };
  }
  const parsed = planSchema(maxParts).safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, error: `${issue.path.join('.') || 'the object'}: ${issue.message}` };
  }
  return { ok: true, subqueries: parsed.data.subqueries };
}
