import { describe, expect, it } from 'vitest';
import { checkArithmetic, evaluateArithmetic } from './arithmetic.ts';
import { answersAgree, finalAnswer } from './final-answer.ts';
import { ANSWER_FEATURES, answerFeatures } from './answer-features.ts';
import { trainVerifier, verifierSchema, verifyAnswer } from './verifier.ts';

describe('reading and checking a worked answer', () => {
  it('evaluates arithmetic with precedence and parentheses, and refuses anything else', () => {
    expect(evaluateArithmetic('84*(5/14)')).toBe(30);
    expect(evaluateArithmetic('16 - 3 - 4')).toBe(9);
    expect(evaluateArithmetic('2 + 3 x 4')).toBe(14);
    expect(evaluateArithmetic('-2*-3')).toBe(6);
    for (const hostile of ['process.exit(1)', 'alert(1)', '2**3', '(1+2', '1+', '1/0', `${'('.repeat(300)}1`])
      expect(evaluateArithmetic(hostile)).toBeNull();
  });

  it('counts written calculations and the wrong ones, accepting results rounded to the decimals written', () => {
    const text = 'She has 16 - 3 = 13 eggs, then 13 - 4 = 8 eggs. 9 * $2 = $<<9*2=18>>18. Each gets 8 / 3 = <<8/3=2.67>>2.67 gallons.';
    expect(checkArithmetic(text)).toEqual({ checked: 4, wrong: 1 });
    expect(checkArithmetic('84 \\* (5/14) = <<84*(5/14)=30>>30')).toEqual({ checked: 1, wrong: 0 });
  });

  it('reads the final number after ####, after "the answer is", or last; and whether two answers agree', () => {
    expect(finalAnswer('So 9 * 2 = 18.\n#### 18')).toEqual({ value: 18, marker: 'hash', clean: true });
    expect(finalAnswer('#### 28 women have remained')).toEqual({ value: 28, marker: 'hash', clean: false });
    expect(finalAnswer('The answer is $1,200.')).toEqual({ value: 1200, marker: 'answer-is', clean: false });
    expect(finalAnswer('about 7 or maybe 8')).toMatchObject({ value: 8, marker: 'last-number' });
    expect(finalAnswer('I cannot tell.')).toBeNull();
    expect(answersAgree('#### 18', 'so she makes $18 a day')).toBe(true);
    expect(answersAgree('#### 18', '#### 19')).toBe(false);
    expect(answersAgree('#### 18', 'no idea')).toBeNull();
  });

  it('stays linear on a hostile answer (no catastrophic backtracking)', () => {
    const hostile = `${'1 + '.repeat(50_000)}= x ${'<<'.repeat(20_000)} ${'9,'.repeat(50_000)}`;
    const started = performance.now();
    answerFeatures('What is 1 + 1?', hostile);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('the answer verifier', () => {
  // Right answers: clean "####" with correct arithmetic; wrong ones: a miscalculation or no clear final number.
  const right = (a: number, b: number) => ({
    query: `What is ${a} plus ${b}?`,
    answer: `${a} + ${b} = ${a + b}\n#### ${a + b}`,
    correct: 1,
  });
  const wrong = (a: number, b: number) =>
    a % 2
      ? { query: `What is ${a} plus ${b}?`, answer: `${a} + ${b} = ${a + b + 1}\n#### ${a + b + 1}`, correct: 0 }
      : { query: `What is ${a} plus ${b}?`, answer: 'It is hard to say, roughly a few.', correct: 0 };
  const examples = Array.from({ length: 60 }, (_, i) => (i % 3 ? right(i, i + 2) : wrong(i, i + 2)));

  it('learns to score right answers above wrong ones and round-trips through its JSON schema', async () => {
    const v = await trainVerifier(examples);
    expect(v.features).toEqual([...ANSWER_FEATURES]);
    expect(verifyAnswer(v, 'What is 100 plus 7?', '100 + 7 = 107\n#### 107')).toBeGreaterThan(0.7);
    expect(verifyAnswer(v, 'What is 100 plus 7?', '100 + 7 = 108\n#### 108')).toBeLessThan(0.3);
    expect(verifyAnswer(v, 'What is 100 plus 7?', 'Hard to say.')).toBeLessThan(0.3);
    expect(verifierSchema.parse(JSON.parse(JSON.stringify(v)))).toEqual(v);
    expect(() => verifierSchema.parse({ ...v, weights: v.weights.slice(1) })).toThrow(/one mean, scale and weight/);
  });
});
