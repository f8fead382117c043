import { describe, expect, it } from 'vitest';
import { loadRouter, createRouter } from './registry.ts';
import { decide } from './decide.ts';
import { detectLanguage, hasCode } from './shared/text-features.ts';
import { clusters, split } from '../../../test/helpers/synthetic.ts';
import { expectRoundTrip } from '../../../test/helpers/router-checks.ts';

const [train, test] = split(clusters(200), 150);
const rules = [
  { name: 'code', when: { hasCode: true }, model: 'coder' },
  { name: 'calculus', when: { regex: '\\bintegral\\b' }, model: 'mathematician' },
  { when: { language: 'zh' }, model: 'generalist' },
  { when: { minChars: 500 }, model: 'generalist' },
];

describe('rules router', () => {
  it('applies the first matching rule, else the fallback router', async () => {
    const r = createRouter('rules', { rules, fallback: 'cheapest' });
    await r.fit(train);
    const pick = async (text: string) => decide((await r.predict({ text })).estimates, { lambda: 0.5 }).model;
    expect(await pick('def f(x):\n    return x + 1\n')).toBe('coder');
    expect(await pick('what is the integral of x')).toBe('mathematician');
    expect(await pick('这个问题怎么解决')).toBe('generalist');
    expect(await pick('x'.repeat(600))).toBe('generalist');
    expect(await pick('tell me a joke')).toBe('mathematician'); // fallback: cheapest
    const p = await r.predict({ text: 'what is the integral of x' });
    expect(p.explanation.summary).toMatch(/calculus matched/);
    await expectRoundTrip(r, test);
  });

  it('uses an embedding fallback, and rejects a bad regex naming the rule', async () => {
    const r = createRouter('rules', { rules, fallback: 'knn', fallbackOptions: { k: 5 } });
    expect(r.input).toBe('embedding');
    await r.fit(train);
    const i = test.samples.findIndex((s) => s.task === 'python');
    const p = await r.predict({ text: 'no rule here', embedding: test.embeddings[i] });
    expect(decide(p.estimates, { lambda: 0 }).model).toBe('coder');
    expect(() => loadRouter(JSON.parse(JSON.stringify(r.toJSON())))).not.toThrow();
    expect(() => createRouter('rules', { rules: [{ when: { regex: '(' }, model: 'x' }] })).toThrow(/rules\.0\.when\.regex/);
  });

  it('detects language and code', () => {
    expect(detectLanguage('What is the capital of France?')).toBe('en');
    expect(detectLanguage('Quelle est la capitale de la France, mon ami ?')).toBe('latin');
    expect(detectLanguage('Привет, как дела?')).toBe('ru');
    expect(detectLanguage('日本語のテキストです')).toBe('ja');
    expect(hasCode('```js\nx\n```')).toBe(true);
    expect(hasCode('const a = 1;\nconsole.log(a);')).toBe(true);
    expect(hasCode('Please write me a poem about the sea.')).toBe(false);
  });
});
