// Faults the test server injects, written as `429;retry-after=1`, `latency=200`, `reset`, `cut=3`,
// `reset=3`, `stall=50`, `malformed`, `invalid-key`, `context`, `content-filter`, `content-filter-after=3`,
// `no-cors` (joined by `;`),
// chosen per request by the `x-fault` header or by a rule table set through POST /_control/faults.

export interface Fault {
  /** Answer with this HTTP status and the provider's error body. */
  status?: number;
  /** Retry-After header value, in seconds. */
  retryAfter?: string;
  /** Wait before sending the headers. */
  latencyMs?: number;
  /** Wait between streamed pieces. */
  stallMs?: number;
  /** Destroy the connection before answering (`reset`) or after this many pieces (`reset=N`). */
  resetAfter?: number;
  /** End the stream cleanly but early, after this many pieces, without the provider's end marker. */
  cutAfter?: number;
  malformed?: boolean;
  invalidKey?: boolean;
  context?: boolean;
  contentFilter?: boolean;
  /** Answer with this many pieces, then end as the provider does when its safety filter stops an answer. */
  filterAfter?: number;
  noCors?: boolean;
}

export interface FaultRule {
  /** Applies to requests for this model (the provider's model name); all models when absent. */
  model?: string;
  /** Applies to this wire format's routes; all when absent. */
  wire?: string;
  fault: string;
  /** How many matching requests it hits; every one when absent. */
  times?: number;
}

export function parseFault(spec: string): Fault {
  const fault: Fault = {};
  for (const part of spec
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, value] = part.split('=').map((s) => s.trim()) as [string, string | undefined];
    const n = value === undefined ? undefined : Number(value);
    if (/^\d{3}$/.test(name)) fault.status = Number(name);
    else if (name === 'retry-after') fault.retryAfter = value;
    else if (name === 'latency') fault.latencyMs = n;
    else if (name === 'stall') fault.stallMs = n;
    else if (name === 'reset') fault.resetAfter = n ?? 0;
    else if (name === 'cut') fault.cutAfter = n ?? 0;
    else if (name === 'malformed') fault.malformed = true;
    else if (name === 'invalid-key') fault.invalidKey = true;
    else if (name === 'context') fault.context = true;
    else if (name === 'content-filter') fault.contentFilter = true;
    else if (name === 'content-filter-after') fault.filterAfter = n ?? 0;
    else if (name === 'no-cors') fault.noCors = true;
    else throw new Error(`unknown fault "${part}" in "${spec}"`);
  }
  return fault;
}

/** The rule table: the first rule matching a request applies, and counts down its `times`. */
export class FaultTable {
  private rules: FaultRule[] = [];

  set(rules: FaultRule[]): void {
    for (const rule of rules) parseFault(rule.fault); // reject a bad rule when set, not when hit
    this.rules = rules.map((r) => ({ ...r }));
  }

  take(wire: string, model: string): string | undefined {
    const rule = this.rules.find(
      (r) =>
        (r.model === undefined || r.model === model) && (r.wire === undefined || r.wire === wire) && (r.times === undefined || r.times > 0),
    );
    if (!rule) return undefined;
    if (rule.times !== undefined) rule.times -= 1;
    return rule.fault;
  }
}
