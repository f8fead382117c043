// The Grafana dashboard shipped in docs/ queries only metrics the gateway exports, and its savings panels read the
// savings counters.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GatewayMetrics } from '../../src/server/metrics.ts';

interface Panel {
  title: string;
  targets: { expr: string }[];
}

describe('the Grafana dashboard', () => {
  it('queries metrics the gateway exports, the savings ones included', async () => {
    const dashboard = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../docs/grafana-dashboard.json'), 'utf8')) as {
      panels: Panel[];
    };
    const exported = new Set((await new GatewayMetrics().registry.getMetricsAsJSON()).map((m) => m.name));
    const queried = dashboard.panels.flatMap((p) => p.targets.flatMap((t) => t.expr.match(/llmrouter_[a-z_]+/g) ?? []));
    expect(queried.filter((name) => !exported.has(name))).toEqual([]);
    expect(new Set(queried)).toEqual(
      new Set([
        'llmrouter_spend_usd_total',
        'llmrouter_premium_equivalent_usd_total',
        'llmrouter_saved_usd_total',
        'llmrouter_picks_total',
      ]),
    );
  });
});
