// em_mc on answers written the ways models write them, the awkward ones included.
import { describe, expect, it } from 'vitest';
import { chosenOption, emMcScore, lettered } from './em-mc.ts';

const options = lettered(['Calcutta.', 'Bombay.', 'Cambodia.', 'Bali.']);

describe('em_mc', () => {
  it.each([
    ['The answer is (C).', 'C'],
    ['**C**', 'C'],
    ['C) Cambodia.', 'C'],
    ['Answer: c', 'C'],
    ['C', 'C'],
    ['(c)', 'C'],
    ['The largest Hindu temple complex, Angkor Wat, is in Cambodia.', 'C'],
    [
      "Let's go through the options.\nA) Calcutta has many temples but not the largest.\nB) Bombay is not known for it.\n\nThe correct answer is C.",
      'C',
    ],
    ['**Answer:** C. Cambodia', 'C'],
    ['Final answer: $\\boxed{C}$', 'C'],
    ['To answer a question like this, recall that Angkor Wat is in Cambodia. The answer is (C)', 'C'],
    ['The answer is (A) or (C), I am not sure.', undefined],
    ['It could be Calcutta or Cambodia.', undefined],
    ['I do not know.', undefined],
  ])('%j chooses %s', (answer, expected) => {
    expect(chosenOption(answer, options)).toBe(expected);
  });

  it('scores 1 only for the reference letter, 0 when ambiguous', () => {
    expect(emMcScore('The answer is (C).', 'C', options)).toBe(1);
    expect(emMcScore('The answer is (B).', 'C', options)).toBe(0);
    expect(emMcScore('(B) or (C)', 'C', options)).toBe(0);
  });

  it('reads labelled options (commonsense_qa) including a fifth', () => {
    const five = ['garden shed', 'hardware store', 'brothel', 'garage', 'greenhouse'].map((text, i) => ({ label: 'ABCDE'[i]!, text }));
    expect(emMcScore('He went to the hardware store to buy a new hose. (B)', 'B', five)).toBe(1);
    expect(emMcScore('E', 'E', five)).toBe(1);
  });
});
