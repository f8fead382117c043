// The routing modes over real HTTP: the provider layer against the local test server, whose models echo the
// last user message unless a scripted reply matches (planner JSON, malformed JSON, agent turns, verdicts).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test-server/server.ts';
import { runMode } from './run-mode.ts';
import { testEnv } from '../../../test/helpers/mode-env.ts';
import type { ModeStep } from './mode.ts';

let server: TestServer;
beforeAll(async () => void (server = await startTestServer()));
afterAll(() => server.close());
beforeEach(() => {
  server.scripts.set([]);
  server.requests.splice(0);
});

const PLAN = '{"subqueries": [{"query": "What is 12 times 9?"}, {"query": "Name a colour"}]}';
const of = <T extends ModeStep['type']>(steps: ModeStep[], type: T) =>
  steps.filter((s): s is Extract<ModeStep, { type: T }> => s.type === type);

describe('decompose', () => {
  it('plans with the cheapest model, routes each sub-query with the active router, answers them and aggregates', async () => {
    server.scripts.set([
      { model: 'echo-small', match: "^Split the user's request", reply: `Here is the plan:\n\`\`\`json\n${PLAN}\n\`\`\`` },
    ]);
    const seen: string[] = [];
    const r = await runMode(
      'decompose',
      'What is 12 times 9, and name a colour',
      await testEnv(server, { onStep: (s) => seen.push(s.type) }),
    );
    const [plan] = of(r.steps, 'plan');
    expect(plan).toMatchObject({ model: 'small', attempt: 1, subqueries: [{ query: 'What is 12 times 9?' }, { query: 'Name a colour' }] });
    const subs = of(r.steps, 'sub-answer').sort((a, b) => a.index - b.index);
    expect(subs.map((s) => [s.model, s.assignedBy, s.text])).toEqual([
      ['large', 'router', 'Echo from echo-large: What is 12 times 9?'],
      ['small', 'router', 'Echo from echo-small: Name a colour'],
    ]);
    expect(subs.every((s) => s.cost > 0 && s.ms >= 0)).toBe(true);
    expect(of(r.steps, 'aggregate')[0]!.model).toBe('large');
    expect(r.model).toBe('large');
    expect(r.text).toMatch(/^Echo from echo-large: Answer the user's request using the answers/);
    expect(r.text).toContain('Answer 2: Echo from echo-small: Name a colour');
    expect(r.cost).toBeCloseTo(
      r.steps.reduce((s, x) => s + x.cost, 0),
      12,
    );
    expect(seen).toEqual(r.steps.map((s) => s.type));
    expect(new Set(server.requests.map((q) => q.model))).toEqual(new Set(['echo-small', 'echo-large']));
  });

  it('llm-multiround: the planner assigns models from their descriptions; an unknown one is routed instead', async () => {
    const plan = '{"subqueries": [{"query": "Name a colour", "model": "mid"}, {"query": "Name a fruit", "model": "gpt-9"}]}';
    server.scripts.set([{ model: 'echo-small', match: 'the model that should answer it', reply: plan }]);
    const r = await runMode('decompose', 'Name a colour and a fruit', await testEnv(server), { decompose: { assign: 'planner' } });
    const subs = of(r.steps, 'sub-answer').sort((a, b) => a.index - b.index);
    expect(subs.map((s) => [s.model, s.assignedBy])).toEqual([
      ['mid', 'planner'],
      ['small', 'router'],
    ]);
  });

  it('asks the planner once more after malformed JSON', async () => {
    server.scripts.set([
      { model: 'echo-small', match: "^Split the user's request", reply: '{"subqueries": [{"query": "x"' },
      { model: 'echo-small', match: '^That reply was not valid: not JSON', reply: PLAN },
    ]);
    const r = await runMode('decompose', 'What is 12 times 9, and name a colour', await testEnv(server));
    const plans = of(r.steps, 'plan');
    expect(plans.map((p) => p.attempt)).toEqual([1, 2]);
    expect(plans[0]!.error).toMatch(/^not JSON/);
    expect(of(r.steps, 'sub-answer')).toHaveLength(2);
  });

  it('falls back to single routing when the planner fails twice, keeping an answer', async () => {
    server.scripts.set([
      { model: 'echo-small', match: "^Split the user's request", reply: 'Sure! I would split it in two.' },
      { model: 'echo-small', match: '^That reply was not valid', reply: '{"subqueries": [], "extra": 1}' },
    ]);
    const r = await runMode('decompose', 'What is 12 times 9, and name a colour', await testEnv(server));
    expect(of(r.steps, 'plan').map((p) => p.error)).toEqual([
      'no JSON object found',
      expect.stringMatching(/subqueries|extra|Unrecognized/),
    ]);
    expect(r.note).toMatch(/no valid plan twice: answered with single routing/);
    expect(r.text).toBe('Echo from echo-large: What is 12 times 9, and name a colour');
  });
});

describe('agent over the text protocol', () => {
  const turns = [
    {
      model: 'echo-small',
      match: '^What is 12 times 9',
      reply: '<think>arithmetic: ask the big one</think><call>large: What is 12 times 9?</call>',
    },
    {
      model: 'echo-small',
      match: '^<information>Echo from echo-large',
      reply: '<think>now a colour</think><call>mid: Name a colour</call>',
    },
    { model: 'echo-small', match: '^<information>Echo from echo-mid', reply: '<call>gpt-9: anything</call>' },
    { model: 'echo-small', match: '^<information>unknown model', reply: '<think>done</think><answer>108, and blue.</answer>' },
  ];

  it('thinks, calls two different models as tools, is told of an unknown model, and answers', async () => {
    server.scripts.set(turns);
    const r = await runMode('agent', 'What is 12 times 9? And a colour?', await testEnv(server), { agent: { protocol: 'text' } });
    const rounds = of(r.steps, 'round');
    expect(rounds.map((s) => s.call?.model)).toEqual(['large', 'mid', 'gpt-9', undefined]);
    expect(rounds[0]).toMatchObject({ think: 'arithmetic: ask the big one', observation: 'Echo from echo-large: What is 12 times 9?' });
    expect(rounds[2]!.error).toBe('unknown model "gpt-9": call one of mid, large');
    expect(r.text).toBe('108, and blue.');
    expect(r.premiumEstimate).toMatchObject({ model: 'large' });
    expect(r.cost).toBeCloseTo(
      rounds.reduce((s, x) => s + x.cost, 0),
      12,
    );
    expect(rounds[0]!.toolCost).toBeGreaterThan(0);
  });

  it('stops at its round limit with the last answer it got', async () => {
    server.scripts.set(turns);
    const r = await runMode('agent', 'What is 12 times 9? And a colour?', await testEnv(server), {
      agent: { maxRounds: 2, protocol: 'text' },
    });
    expect(of(r.steps, 'round').map((s) => s.call?.model)).toEqual(['large', 'mid']);
    expect(r.note).toMatch(/round limit \(2\)/);
    expect(r.text).toBe('Echo from echo-mid: Name a colour');
  });

  it('stops at its cost limit before a call that would pass it', async () => {
    server.scripts.set([
      { model: 'echo-small', match: '^What is 12 times 9', reply: '<call>mid: Name a colour</call>' },
      { model: 'echo-small', match: '^<information>Echo from echo-mid', reply: '<call>large: What is 12 times 9?</call>' },
    ]);
    // The cheap call fits; the dear one's estimate (300 output tokens at $30/M) would pass the limit.
    const r = await runMode('agent', 'What is 12 times 9? And a colour?', await testEnv(server), {
      agent: { maxCost: 0.005, maxTokens: 300, protocol: 'text' },
    });
    const rounds = of(r.steps, 'round');
    expect(rounds.map((s) => s.call?.model)).toEqual(['mid', 'large']);
    expect(rounds[1]!.error).toMatch(/would pass the cost limit/);
    expect(r.note).toMatch(/cost limit \(\$0\.005\) in round 2/);
    expect(r.cost).toBeLessThanOrEqual(0.005);
    expect(server.requests.filter((q) => q.model === 'echo-large')).toHaveLength(0);
  });

  it('stops when the user stops it', async () => {
    server.scripts.set(turns);
    const stop = new AbortController();
    const r = await runMode(
      'agent',
      'What is 12 times 9? And a colour?',
      await testEnv(server, { signal: stop.signal, onStep: () => stop.abort() }),
      { agent: { protocol: 'text' } },
    );
    expect(of(r.steps, 'round')).toHaveLength(1);
    expect(r.note).toMatch(/stopped by you after 1 rounds/);
  });
});

describe("agent over the providers' function calling", () => {
  const call = (model: string, question: string) => ({ name: 'call_model', arguments: { model, question } });
  // Each wire format as the reasoner's: OpenAI tools (small), Gemini functionDeclarations (mid), Anthropic tool_use (large).
  for (const [reasoner, wire, tools] of [
    ['small', 'openai', ['mid', 'large']],
    ['mid', 'gemini', ['small', 'large']],
    ['large', 'anthropic', ['small', 'mid']],
  ] as const) {
    it(`${wire}: the reasoner calls two models and an unknown one as functions, then answers`, async () => {
      const api = `echo-${reasoner}`;
      server.scripts.set([
        { model: api, match: '^What is 12', toolCall: call(tools[0], 'What is 12 times 9?') },
        { model: api, match: `^<information>Echo from echo-${tools[0]}`, toolCall: call(tools[1], 'Name a colour') },
        { model: api, match: `^<information>Echo from echo-${tools[1]}`, toolCall: call('gpt-9', 'anything') },
        { model: api, match: '^<information>unknown model', reply: '108, and blue.' },
      ]);
      const r = await runMode('agent', 'What is 12 times 9? And a colour?', await testEnv(server), { agent: { reasoner } });
      const rounds = of(r.steps, 'round');
      expect(rounds.map((s) => s.call?.model)).toEqual([tools[0], tools[1], 'gpt-9', undefined]);
      expect(rounds[0]!.observation).toBe(`Echo from echo-${tools[0]}: What is 12 times 9?`);
      expect(rounds[2]!.error).toMatch(/^unknown model "gpt-9"/);
      expect(r.text).toBe('108, and blue.');
      expect(r.note).toBeUndefined();
      const asked = server.requests.filter((q) => q.model === api);
      expect(asked).toHaveLength(4);
      expect(asked.every((q) => q.tools === 1 && q.wire === wire)).toBe(true);
    });
  }

  it('falls back to the text protocol when the provider refuses function calling', async () => {
    server.faults.set([{ model: 'echo-small', fault: '400', times: 1 }]);
    server.scripts.set([
      { model: 'echo-small', match: '^What is 12', reply: '<call>large: What is 12 times 9?</call>' },
      { model: 'echo-small', match: '^<information>', reply: '<answer>108</answer>' },
    ]);
    try {
      const r = await runMode('agent', 'What is 12 times 9?', await testEnv(server));
      expect(of(r.steps, 'round').map((s) => s.call?.model)).toEqual(['large', undefined]);
      expect(r.text).toBe('108');
      expect(r.note).toMatch(/small refused function calling .*: the text protocol was used/);
      expect(server.requests.filter((q) => q.model === 'echo-small').map((q) => q.tools ?? 0)).toEqual([1, 0, 0]);
    } finally {
      server.faults.set([]);
    }
  });
});

describe('cascade', () => {
  const calibration = [
    { score: 1, cheapCorrect: 1 },
    { score: 0.75, cheapCorrect: 1 },
    { score: 0.5, cheapCorrect: 0 },
    { score: 0.25, cheapCorrect: 0 },
  ];
  const verdicts = [
    { model: 'echo-small', match: '^Context: Name a colour', reply: 'Yes, it is correct.' },
    // Half the votes say yes: kept under the prior threshold (0.5), escalated under the calibrated one.
    { model: 'echo-small', match: '^Context: Prove', reply: 'Yes.', times: 2 },
  ];

  it('keeps the cheap answer when its self-verification passes the calibrated threshold', async () => {
    server.scripts.set(verdicts);
    const r = await runMode('cascade', 'Name a colour', await testEnv(server), { cascade: { calibration } });
    const [verify] = of(r.steps, 'verify');
    expect(verify).toMatchObject({
      model: 'small',
      score: 1,
      threshold: 0.75,
      calibratedOn: 4,
      kept: true,
      answer: 'Echo from echo-small: Name a colour',
    });
    expect(r.model).toBe('small');
    expect(r.text).toBe('Echo from echo-small: Name a colour');
    expect(server.requests.every((q) => q.model === 'echo-small')).toBe(true);
  });

  it('escalates a hard query to the premium model, still showing the cheap answer', async () => {
    server.scripts.set(verdicts);
    const r = await runMode('cascade', 'Prove that there are infinitely many primes', await testEnv(server), { cascade: { calibration } });
    const [verify] = of(r.steps, 'verify');
    expect(verify).toMatchObject({ score: 0.5, kept: false, answer: 'Echo from echo-small: Prove that there are infinitely many primes' });
    expect(r.model).toBe('large');
    expect(r.text).toBe('Echo from echo-large: Prove that there are infinitely many primes');
  });
});

describe('cascade with the on-device check', () => {
  const question = 'Janet has 16 eggs, eats 3 and bakes with 4, and sells the rest at $2 each. How much does she make?';
  const answered = (reply: string) => [{ model: 'echo-small', match: '^Janet', reply }];

  it('keeps a worked answer whose arithmetic checks out, with no second call', async () => {
    server.scripts.set(answered('She has 16 - 3 - 4 = 9 eggs left.\nShe makes 9 * 2 = $18.\n#### 18'));
    const r = await runMode('cascade', question, await testEnv(server), { cascade: { check: 'on-device' } });
    const [verify] = of(r.steps, 'verify');
    expect(verify).toMatchObject({ model: 'small', check: 'on-device', kept: true });
    expect(verify!.score).toBeGreaterThan(0.5);
    expect(r.model).toBe('small');
    expect(server.requests.map((q) => q.model)).toEqual(['echo-small']);
  });

  it('escalates an answer whose written arithmetic is wrong, without asking the cheap model to vote', async () => {
    server.scripts.set(answered('She has 16 - 3 - 4 = 8 eggs left.\nShe makes 8 * 2 = $17.\n#### 17.5 dollars'));
    const r = await runMode('cascade', question, await testEnv(server), { cascade: { check: 'on-device' } });
    expect(of(r.steps, 'verify')[0]).toMatchObject({ check: 'on-device', kept: false });
    expect(r.model).toBe('large');
    expect(server.requests.map((q) => q.model)).toEqual(['echo-small', 'echo-large']);
  });

  it('falls back to self-verification votes on an answer with no final number', async () => {
    server.scripts.set([{ model: 'echo-small', match: '^Context: Name a colour', reply: 'Yes.' }]);
    const r = await runMode('cascade', 'Name a colour', await testEnv(server), { cascade: { check: 'on-device', samples: 2 } });
    expect(of(r.steps, 'verify')[0]).toMatchObject({ check: 'self-verify', score: 1, kept: true });
    expect(server.requests.map((q) => q.model)).toEqual(['echo-small', 'echo-small', 'echo-small']);
  });
});

describe('llm-router mode', () => {
  it('the judge names the model from the descriptions, which then answers', async () => {
    server.scripts.set([{ model: 'echo-small', match: '^Models:\n- small: the small model', reply: 'mid' }]);
    const r = await runMode('llm-router', 'Name a colour', await testEnv(server));
    expect(of(r.steps, 'judge')[0]).toMatchObject({ model: 'small', chosen: 'mid' });
    expect(r.text).toBe('Echo from echo-mid: Name a colour');
  });

  it('a reply naming no enabled model falls back to the router, and says so', async () => {
    server.scripts.set([{ model: 'echo-small', match: '^Models:', reply: 'I cannot tell.' }]);
    const r = await runMode('llm-router', 'Name a colour', await testEnv(server));
    expect(r.note).toMatch(/named no enabled model/);
    expect(r.model).toBe('small');
  });
});
