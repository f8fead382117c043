// The gateway's Prometheus metrics (prom-client, on a registry of its own): requests, picks per model,
// attempts and errors by kind, fallbacks, spend, what the premium model alone would have cost and what routing
// saved by router (the one rule of core/learn/premium.ts, as GET /v1/usage and `llmrouter report` sum it), and
// how long routing took; plus the process's own gauges.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { OutcomeRecord } from '../core/learn/outcome.ts';
import { savingsOf } from '../core/learn/premium.ts';
import type { AttemptOutcome } from '../core/providers/outcome.ts';

export class GatewayMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'llmrouter_requests_total',
    help: 'HTTP requests by route and status',
    labelNames: ['route', 'status'],
    registers: [this.registry],
  });
  readonly picks = new Counter({
    name: 'llmrouter_picks_total',
    help: 'Models picked, by router (direct for calls naming a model)',
    labelNames: ['router', 'model'],
    registers: [this.registry],
  });
  readonly attempts = new Counter({
    name: 'llmrouter_attempts_total',
    help: 'Provider attempts by model and outcome kind (ok or the error kind)',
    labelNames: ['model', 'kind'],
    registers: [this.registry],
  });
  readonly errors = new Counter({
    name: 'llmrouter_errors_total',
    help: 'Failed provider attempts and refused calls, by error kind',
    labelNames: ['kind'],
    registers: [this.registry],
  });
  readonly fallbacks = new Counter({
    name: 'llmrouter_fallbacks_total',
    help: 'Fallbacks from one model to the next',
    labelNames: ['from', 'to'],
    registers: [this.registry],
  });
  readonly spend = new Counter({
    name: 'llmrouter_spend_usd_total',
    help: 'USD spent on provider calls, by model',
    labelNames: ['model'],
    registers: [this.registry],
  });
  readonly accounting = new Counter({
    name: 'llmrouter_accounting_failures_total',
    help: 'Records or budget releases that failed after a call (the answer was kept)',
    registers: [this.registry],
  });
  readonly premiumEquivalent = new Counter({
    name: 'llmrouter_premium_equivalent_usd_total',
    help: 'USD the premium model alone would have cost for the routed calls (priced with the tokens used), by router',
    labelNames: ['router'],
    registers: [this.registry],
  });
  // Negative when a call cost more than the premium model alone would have (a fallback, an escalation), so a gauge.
  readonly saved = new Gauge({
    name: 'llmrouter_saved_usd_total',
    help: 'USD saved against the premium model alone (premium-equivalent minus spent), by router',
    labelNames: ['router'],
    registers: [this.registry],
  });
  readonly routingSeconds = new Histogram({
    name: 'llmrouter_routing_seconds',
    help: 'Time to route one request (embedding and prediction), by router',
    labelNames: ['router'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'llmrouter_' });
  }

  attempt(outcome: AttemptOutcome): void {
    this.attempts.inc({ model: outcome.model, kind: outcome.kind });
    if (outcome.kind !== 'ok') this.errors.inc({ kind: outcome.kind });
    if (outcome.cost > 0) this.spend.inc({ model: outcome.model }, outcome.cost);
  }

  routedCall(record: OutcomeRecord): void {
    const { premium, saved } = savingsOf(record);
    this.premiumEquivalent.inc({ router: record.router }, premium);
    this.saved.inc({ router: record.router }, saved);
  }
}
