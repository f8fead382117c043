// MATH: boxed extraction with nested braces and answer equivalence, references as LLMRouter's files give them.
import { describe, expect, it } from 'vitest';
import { lastBoxed } from './boxed.ts';
import { mathEquivalent, mathScore, referenceMathAnswer } from './math.ts';

describe('MATH scorer', () => {
  it('takes the last \\boxed{} with nested braces', () => {
    expect(lastBoxed('first \\boxed{1}, then \\boxed{\\frac{\\sqrt{3}}{2}} done')).toBe('\\frac{\\sqrt{3}}{2}');
    expect(lastBoxed('so $\\boxed 5$.')).toBe('5');
    expect(lastBoxed('\\fbox{x^{2}}')).toBe('x^{2}');
    expect(lastBoxed('no box')).toBeUndefined();
  });

  it("uses the reference's own boxed answer", () => {
    expect(referenceMathAnswer('Thus, Frank answered $\\boxed{56}$ questions correctly.')).toBe('56');
    expect(referenceMathAnswer('1596')).toBe('1596');
  });

  it.each([
    ['\\dfrac{3}{7}', '\\frac{3}{7}'],
    ['\\frac37', '\\frac{3}{7}'],
    ['3/7', '\\frac{3}{7}'],
    ['\\left( 1, 2 \\right)', '(1,2)'],
    ['90^\\circ', '90'],
    ['90^{\\circ}', '90'],
    ['10\\text{ cm}', '10'],
    ['0.5', '.5'],
    ['007', '7'],
    ['x = 5', '5'],
    ['\\$1,000', '1000'],
    ['25\\%', '25'],
    ['0.50', '\\frac{1}{2}'],
    ['x^4 + x^2 - 10x - 24', 'x^4+x^2-10x-24'],
  ])('%j equals %j', (a, b) => {
    expect(mathEquivalent(a, b)).toBe(true);
  });

  it.each([
    ['\\frac{3}{7}', '\\frac{7}{3}'],
    ['0.43', '0.42'],
    ['x^4+x^2-10x-24+1', 'x^4+x^2-10x-24'],
    ['5', '50'],
  ])('%j differs from %j', (a, b) => {
    expect(mathEquivalent(a, b)).toBe(false);
  });

  it('scores whole answers against whole references', () => {
    const reference = 'So the mean is $\\frac{1}{2}(1+250) = \\boxed{125.5}$.';
    expect(mathScore('Adding up and dividing: the mean is $\\boxed{125.50}$.', reference)).toBe(1);
    expect(mathScore('The mean is 125.5', reference)).toBe(0);
    expect(mathScore('Therefore the answer is 125.5.', reference)).toBe(1);
    expect(mathScore('As $t$ must be positive, $t = \\boxed{\\dfrac{3}{7}}$', '$t = \\frac{3}{7} \\approx \\boxed{0.43}.$')).toBe(0);
  });
});
