// The real `llmrouter chat --router/--mode` and `llmrouter route --router automix|llm-router` against the
// provider test server: a routed call, the decision alone, and each multi-call mode with scripted replies
// (planner JSON, agent turns, verdicts), its steps on stderr and its answer on stdout.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-server/server.ts';
import { createRouter } from '../src/core/routers/registry.ts';
import { catalogModel } from './helpers/catalog-model.ts';
import { runCli, testServerUrls } from './helpers/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'llmrouter-modes-'));
const catalogFile = join(dir, 'catalog.json');
const rulesFile = join(dir, 'rules.json');
const calibrationFile = join(dir, 'calibration.jsonl');
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  const model = (id: string, provider: string, price: number) =>
    catalogModel(id, provider, `echo-${id}`, { input_price: price, output_price: 3 * price, description: `the ${id} model` });
  const models = [model('small', 'openai', 0.1), model('large', 'anthropic', 5)];
  writeFileSync(catalogFile, JSON.stringify({ models }));
  // A real rules router: numbers go to the large model, everything else to the cheapest.
  const rules = createRouter('rules', { rules: [{ name: 'numbers', when: { regex: '\\d' }, model: 'large' }], fallback: 'cheapest' });
  await rules.fit({
    samples: [{ id: 'q', query: 'x', outcomes: { small: { score: 1, cost: 0.001 }, large: { score: 1, cost: 0.01 } } }],
    embeddings: [],
    models: ['small', 'large'],
    catalog: models,
  });
  writeFileSync(rulesFile, JSON.stringify(rules.toJSON()));
  writeFileSync(
    calibrationFile,
    ['{"score":1,"cheapCorrect":1}', '{"score":0.75,"cheapCorrect":1}', '{"score":0.5,"cheapCorrect":0}', ''].join('\n'),
  );
});
afterAll(() => server.close());
beforeEach(() => server.scripts.set([]));

const cli = (verb: string, args: string[]) =>
  runCli([verb, '--catalog', catalogFile, ...testServerUrls(server.url, 'openai', 'anthropic'), ...args], {
    env: { ...process.env, OPENAI_API_KEY: 'k1', ANTHROPIC_API_KEY: 'k2' },
  });

describe('llmrouter chat --router', () => {
  it('routes, then calls the pick; --route-only prints the decision', async () => {
    const decided = await cli('chat', ['--router', rulesFile, '--route-only', 'What is 12 times 9?']);
    expect(decided.stdout.split('\n')[0]).toBe('large');
    expect(decided.stdout).toContain('numbers');
    const { code, stdout, stderr } = await cli('chat', ['--router', rulesFile, 'Name a colour']);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe('Echo from echo-small: Name a colour');
    expect(stderr).toContain('[routed to small by rules]');
  });

  it('rejects an unknown mode and a message with both --model and --router', async () => {
    expect((await cli('chat', ['--router', rulesFile, '--mode', 'swarm', 'x'])).stderr).toMatch(
      /--mode must be one of single, cascade, llm-router, decompose, agent/,
    );
    expect((await cli('chat', ['--router', rulesFile, '--model', 'small', 'x'])).code).toBe(2);
  });
});

describe('llmrouter chat --mode', () => {
  it('decompose: the plan, each routed sub-answer and the aggregated answer', async () => {
    server.scripts.set([
      {
        model: 'echo-small',
        match: "^Split the user's request",
        reply: '{"subqueries":[{"query":"What is 12 times 9?"},{"query":"Name a colour"}]}',
      },
    ]);
    const { code, stdout, stderr } = await cli('chat', [
      '--router',
      rulesFile,
      '--mode',
      'decompose',
      'What is 12 times 9, and name a colour?',
    ]);
    expect(code).toBe(0);
    expect(stderr).toMatch(/\[plan by small: 1\. What is 12 times 9\?  2\. Name a colour/);
    expect(stderr).toMatch(/\[sub-answer 1 \(routed\) by large, \$[\d.]+, \d+ ms: Echo from echo-large: What is 12 times 9\?\]/);
    expect(stderr).toMatch(/\[sub-answer 2 \(routed\) by small/);
    expect(stderr).toMatch(/\[decompose: 4 steps, final answer by large; total \$/);
    expect(stdout).toMatch(/^Echo from echo-large: Answer the user's request/);
  });

  it('decompose with malformed planner output twice answers with single routing', async () => {
    server.scripts.set([{ model: 'echo-small', reply: '{"subqueries": oops' }]);
    const { code, stdout, stderr } = await cli('chat', ['--router', rulesFile, '--mode', 'decompose', 'Name a colour']);
    expect(code).toBe(0);
    expect(stderr).toMatch(/plan attempt 2 by small was invalid: not JSON/);
    expect(stdout.trim()).toBe('{"subqueries": oops');
    expect(stderr).toMatch(/no valid plan twice: answered with single routing/);
  });

  it('agent: function calls as rounds on stderr, stopped at --max-rounds, compared with the premium model alone', async () => {
    const call = (question: string) => ({ name: 'call_model', arguments: { model: 'large', question } });
    server.scripts.set([
      { model: 'echo-small', match: '^What is', toolCall: call('What is 12 times 9?') },
      { model: 'echo-small', match: '^<information>', toolCall: call('and again?') },
    ]);
    const { code, stdout, stderr } = await cli('chat', [
      '--router',
      rulesFile,
      '--mode',
      'agent',
      '--max-rounds',
      '2',
      'What is 12 times 9?',
    ]);
    expect(code).toBe(0);
    expect(stderr).toMatch(/\[round 1 \(small, .*\) call large: What is 12 times 9\? -> Echo from echo-large/);
    expect(stderr).toMatch(/the premium model large alone: about \$[\d.]+; stopped at the round limit \(2\)/);
    expect(stdout.trim()).toBe('Echo from echo-large: and again?');
  });

  it('cascade: keeps the cheap answer when it verifies above the calibrated threshold', async () => {
    server.scripts.set([{ model: 'echo-small', match: '^Context: ', reply: 'Yes' }]);
    const { stdout, stderr } = await cli('chat', [
      '--router',
      rulesFile,
      '--mode',
      'cascade',
      '--calibration',
      calibrationFile,
      'Name a colour',
    ]);
    expect(stderr).toMatch(/self-verification 1\.00 vs threshold 0\.75 \(calibrated on 3 points\): kept/);
    expect(stdout.trim()).toBe('Echo from echo-small: Name a colour');
  });

  it('llm-router: the judge picks, the pick answers', async () => {
    server.scripts.set([{ model: 'echo-small', match: '^Models:', reply: 'large' }]);
    const { stdout, stderr } = await cli('chat', ['--router', rulesFile, '--mode', 'llm-router', 'Name a colour']);
    expect(stderr).toMatch(/\[judge small chose large/);
    expect(stdout.trim()).toBe('Echo from echo-large: Name a colour');
  });
});

describe('llmrouter route --router automix|llm-router', () => {
  it('llm-router: the cheapest model judges among the models whose keys are set', async () => {
    server.scripts.set([{ model: 'echo-small', match: '^Models:', reply: 'large' }]);
    const { code, stdout } = await cli('route', ['--router', 'llm-router', 'Prove Fermat']);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('large');
    expect(stdout).toContain('small chose large');
  });

  it('automix: the small model self-verifies; "no" escalates to the large one', async () => {
    server.scripts.set([{ model: 'echo-small', match: '^Context: ', reply: 'No' }]);
    const { stdout } = await cli('route', ['--router', 'automix', '--json', 'Prove Fermat']);
    const out = JSON.parse(stdout);
    expect(out.model).toBe('large');
    expect(out.explanation.features).toMatchObject({ verification: 0, small_answer: 'Echo from echo-small: Prove Fermat' });
  });
});
