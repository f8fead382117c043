// The model names clients send: `router-NAME` (a configured router, at its default cost knob), `router-NAME:0.3`
// (lambda 0.3), as RouteLLM names its routers, and either with `+MODE` (`router-irt+cascade`: a multi-call mode);
// any other name is a catalog model, called directly. Headers say the same (`x-llmrouter-lambda`,
// `x-llmrouter-mode`) and choose the context policy (`x-llmrouter-context: full | current | similar:K`).
import { MODE_NAMES, type ModeName } from '../core/modes/mode.ts';
import type { ContextPolicy } from '../core/modes/context.ts';

export const ROUTER_PREFIX = 'router-';

export type ModelChoice = { kind: 'router'; router: string; lambda?: number; mode?: ModeName } | { kind: 'direct'; model: string };

/** What a request's `model` names; a cost knob that is not a number >= 0, or an unknown mode, is an error naming it. */
export function parseModelName(name: string): ModelChoice {
  if (!name.startsWith(ROUTER_PREFIX)) return { kind: 'direct', model: name };
  const [routed, mode, ...more] = name.slice(ROUTER_PREFIX.length).split('+');
  if (more.length > 0) throw new RangeError(`model "${name}": name one mode after the router (router-NAME+MODE)`);
  const modeOf = mode === undefined ? {} : { mode: parseMode(mode, `model "${name}"`) };
  const [router, knob, ...rest] = routed!.split(':');
  if (knob === undefined) return { kind: 'router', router: router!, ...modeOf };
  const lambda = parseLambda(rest.length > 0 ? `${knob}:${rest.join(':')}` : knob, `model "${name}"`);
  return { kind: 'router', router: router!, lambda, ...modeOf };
}

/** A cost knob from a model name or header: a finite number >= 0. */
export function parseLambda(value: string, where: string): number {
  const lambda = Number(value);
  if (value.trim() === '' || !Number.isFinite(lambda) || lambda < 0)
    throw new RangeError(`${where}: the cost knob must be a number >= 0, got "${value}"`);
  return lambda;
}

/** A routing mode by name (single, cascade, llm-router, decompose, agent). */
export function parseMode(value: string, where: string): ModeName {
  if (!(MODE_NAMES as readonly string[]).includes(value)) {
    throw new RangeError(`${where}: the mode must be one of ${MODE_NAMES.join(', ')}, got "${value}"`);
  }
  return value as ModeName;
}

/** A context policy: `full` (every earlier turn), `current` (none) or `similar:K` (the K most similar). */
export function parseContext(value: string, where: string): ContextPolicy {
  if (value === 'full' || value === 'current') return { kind: value };
  const k = /^similar:(\d{1,3})$/.exec(value)?.[1];
  if (k !== undefined && Number(k) > 0) return { kind: 'similar', k: Number(k) };
  throw new RangeError(`${where}: the context must be full, current or similar:K (K a positive whole number), got "${value}"`);
}
