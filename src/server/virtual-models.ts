// The model names clients send: `router-NAME` (a configured router, at its default cost knob) or
// `router-NAME:0.3` (lambda 0.3), as RouteLLM names its routers; any other name is a catalog model, called
// directly.

export const ROUTER_PREFIX = 'router-';

export type ModelChoice = { kind: 'router'; router: string; lambda?: number } | { kind: 'direct'; model: string };

/** What a request's `model` names; a cost knob that is not a number >= 0 is an error naming it. */
export function parseModelName(name: string): ModelChoice {
  if (!name.startsWith(ROUTER_PREFIX)) return { kind: 'direct', model: name };
  const [router, knob, ...rest] = name.slice(ROUTER_PREFIX.length).split(':');
  if (knob === undefined) return { kind: 'router', router: router! };
  return { kind: 'router', router: router!, lambda: parseLambda(rest.length > 0 ? `${knob}:${rest.join(':')}` : knob, `model "${name}"`) };
}

/** A cost knob from a model name or header: a finite number >= 0. */
export function parseLambda(value: string, where: string): number {
  const lambda = Number(value);
  if (value.trim() === '' || !Number.isFinite(lambda) || lambda < 0) throw new RangeError(`${where}: the cost knob must be a number >= 0, got "${value}"`);
  return lambda;
}
