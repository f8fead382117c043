// Runs the real `llmrouter report`: the savings table from a log (per day, router and model, the knob), the same
// summary as JSON, and clear errors for a bad range (status 2) or a bad record (status 1, naming line and field).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'llmrouter-report-'));
const at = new Date(2026, 10, 30, 12).getTime();
const call = (id: string, over: object) => ({
  id,
  type: 'routed-call',
  callId: id,
  at,
  query: 'q',
  router: 'irt',
  chosen: 'nano',
  answeredBy: 'nano',
  latency_ms: 1,
  input_tokens: 10,
  output_tokens: 20,
  answerCost: 0.001,
  lambda: 3.16,
  path: [{ model: 'nano', kind: 'ok', latencyMs: 1, cost: 0.001 }],
  premium: { model: 'gpt-5', cost: 0.0125 },
  ...over,
});
const log = join(dir, 'calls.jsonl');
writeFileSync(
  log,
  [
    call('a', {}),
    { type: 'attempt', callId: 'a' },
    call('b', {
      at: at + 1000,
      answeredBy: 'gpt-5',
      answerCost: 0.0125,
      path: [{ model: 'gpt-5', kind: 'ok', latencyMs: 1, cost: 0.0125 }],
    }),
    { type: 'feedback', callId: 'a', feedback: { thumbs: 'up' } },
  ]
    .map((r) => JSON.stringify(r))
    .join('\n'),
);

const report = (args: string[]) => runCli(['report', ...args]);

describe('llmrouter report', () => {
  it('prints the savings table, and the same summary as JSON', async () => {
    const [text, asJson] = await Promise.all([
      report(['--log', log]),
      report(['--log', log, '--json', '--from', '2026-11-30', '--to', '2026-11-30']),
    ]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^total\s+2\s+2\s+\$0\.0135\s+\$0\.0250\s+\$0\.0115\s+46\.0%$/m);
    expect(text.stdout).toMatch(/^2026-11-30\s+2 /m);
    expect(text.stdout).toMatch(/^nano\s+1\s+50\.0%\s+1\s+\$0\.0010\s+7\.4%\s+1\s+0 /m);
    expect(text.stdout).toContain('lambda: 3.16 from');
    const json = JSON.parse(asJson.stdout);
    expect(json.totals).toMatchObject({ messages: 2, calls: 2 });
    expect(json.totals.saved).toBeCloseTo(0.0115, 12);
  }, 180_000);

  it('says when a range holds nothing, and refuses a bad range or record', async () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, `${JSON.stringify(call('a', {}))}\n${JSON.stringify(call('b', { premium: { model: 'gpt-5' } }))}\n`);
    const [empty, range, broken, none] = await Promise.all([
      report(['--log', log, '--from', '2027-01-01']),
      report(['--log', log, '--to', 'tomorrow']),
      report(['--log', bad]),
      report([]),
    ]);
    expect(empty.stdout).toMatch(/^No routed messages/);
    expect(range.code).toBe(2);
    expect(range.stderr).toMatch(/"to" must be a date/);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/bad\.jsonl, line 2, field "premium\.cost"/);
    expect(none.code).toBe(2);
  }, 180_000);
});
