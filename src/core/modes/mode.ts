// What every multi-call routing mode shares (cascade, llm-router, decompose, agent): the environment it runs
// in (the enabled models, one way to call a model, the active router's decision), the steps it reports as
// they happen (shown in the chat thread and printed by the CLI), and its result.
import { callCost, type CatalogModel } from '../catalog/model.ts';
import type { ChatMessage, Complete, CompleteOptions } from '../routers/complete.ts';
import type { Decision } from '../routers/decide.ts';
import { estimateTokens } from '../providers/types.ts';

export const MODE_NAMES = ['single', 'cascade', 'llm-router', 'decompose', 'agent'] as const;
export type ModeName = (typeof MODE_NAMES)[number];

/** One model call inside a mode: who answered, what it cost and how long it took. */
export interface CallRecord {
  model: string;
  cost: number;
  ms: number;
}

export type ModeStep =
  | ({ type: 'verify' } & CallRecord & {
        answer: string;
        score: number;
        check?: 'on-device' | 'self-verify';
        threshold: number;
        calibratedOn: number;
        kept: boolean;
      })
  | ({ type: 'judge' } & CallRecord & { reply: string; chosen?: string })
  | ({ type: 'plan' } & CallRecord & { attempt: number; subqueries?: { query: string; model?: string }[]; error?: string })
  | ({ type: 'sub-answer' } & CallRecord & { index: number; query: string; text: string; assignedBy: 'router' | 'planner' })
  | ({ type: 'aggregate' } & CallRecord)
  | ({ type: 'round' } & CallRecord & {
        index: number;
        think?: string;
        call?: { model: string; query: string };
        observation?: string;
        error?: string;
        toolCost: number;
      })
  | ({ type: 'answer' } & CallRecord);

export interface ModeResult {
  mode: ModeName;
  /** The final answer shown to the user. */
  text: string;
  /** The model that wrote the final answer. */
  model: string;
  /** USD over every call the mode made. */
  cost: number;
  steps: ModeStep[];
  /** Why the mode ended as it did, when it did not go as planned (a fallback, a limit, a stop). */
  note?: string;
  /** The router's estimate of the premium model answering alone (agent mode compares its loop with it). */
  premiumEstimate?: { model: string; cost: number };
}

export interface ModeEnv {
  /** The enabled models, with their catalog entries. */
  models: readonly CatalogModel[];
  complete: Complete;
  /** The active router's decision for a text (single routing), over the enabled models. */
  route(text: string): Promise<Decision>;
  /** The conversation so far (context chosen by the conversation), sent before the current message. */
  history?: ChatMessage[];
  /** Model calls in flight at once within a mode. */
  concurrency?: number;
  signal?: AbortSignal;
  onStep?(step: ModeStep): void;
  now?(): number;
}

/** Calls one model and times it; the step the caller builds from it is reported through `env.onStep`. */
export async function timedCall(env: ModeEnv, model: string, messages: ChatMessage[], options: Omit<CompleteOptions, 'signal'> = {}) {
  const now = env.now ?? Date.now;
  const started = now();
  const reply = await env.complete(model, messages, { ...options, signal: env.signal });
  return { text: reply.text, cost: reply.cost, ms: now() - started, model, ...(reply.toolCalls ? { toolCalls: reply.toolCalls } : {}) };
}

/** A mode's running record: steps reported as they happen, cost summed. */
export class Trace {
  readonly steps: ModeStep[] = [];
  cost = 0;
  constructor(private readonly env: ModeEnv) {}

  add<S extends ModeStep>(step: S): S {
    this.steps.push(step);
    this.cost += step.cost;
    this.env.onStep?.(step);
    return step;
  }

  result(mode: ModeName, text: string, model: string, note?: string): ModeResult {
    return { mode, text, model, cost: this.cost, steps: this.steps, ...(note ? { note } : {}) };
  }
}

/** An enabled model by id, or an error naming the enabled ones. */
export function modelById(env: ModeEnv, id: string): CatalogModel {
  const model = env.models.find((m) => m.id === id);
  if (!model) throw new Error(`model "${id}" is not enabled (enabled: ${env.models.map((m) => m.id).join(', ')})`);
  return model;
}

/** The cheapest enabled model able to read `text` within its context window. */
export function cheapestAble(env: ModeEnv, text = ''): CatalogModel {
  const tokens = estimateTokens(text);
  const able = env.models.filter((m) => m.context_window > tokens);
  const pool = able.length > 0 ? able : env.models;
  if (pool.length === 0) throw new Error('no model is enabled');
  return pool.reduce((best, m) => (typicalCost(m) < typicalCost(best) ? m : best));
}

/** USD of a typical call (1,000 tokens in, 500 out): how "cheap" is compared. */
function typicalCost(model: CatalogModel): number {
  return callCost(model, 1000, 500);
}

/** The message list for a question: the conversation context, then the question. */
export function withHistory(env: ModeEnv, content: string): ChatMessage[] {
  return [...(env.history ?? []), { role: 'user', content }];
}

/** The model the router rates best in quality (the premium alternative), with its estimate. */
export function premiumOf(decision: Decision, except?: string) {
  const pool = decision.ranking.filter((r) => r.model !== except);
  return pool.length === 0
    ? undefined
    : pool.reduce((best, r) => (r.quality > best.quality || (r.quality === best.quality && r.cost > best.cost) ? r : best));
}
