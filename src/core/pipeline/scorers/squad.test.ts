// Short answers with SQuAD's normalisation: F1, contains-exact-match, and the f1_score the pipeline records.
import { describe, expect, it } from 'vitest';
import { containsExactMatch, f1, normalizeAnswer, shortAnswerScore } from './squad.ts';

describe('SQuAD normalisation and short-answer scores', () => {
  it('normalises case, punctuation, articles and spaces', () => {
    expect(normalizeAnswer('  The  Great Train-Robbery (film)! ')).toBe('great train robbery film');
  });

  it.each([
    ['March 9, 2018', 'March 9, 2018', 1],
    ['It comes out on March 9, 2018 in Canada.', 'March 9, 2018', 1],
    ['seats', 'seats', 1],
    ['Recaro is famous for its high-performance car seats.', 'seats', 1],
    ['The Battle of the Somme', 'battle of somme', 1],
    ['Beyonce', 'Beyoncé', 0],
    ['1992.', '1992', 1],
    ['No idea, sorry.', 'Elena Anaya', 0],
    ['Kaela Kimura', 'Kaela', 1],
    ['the rugby sevens', 'rugby sevens', 1],
    ['RMS Titanic', 'Titanic', 1],
    ['no', 'not', 0],
  ])('%j against %j contains: %d', (answer, truth, expected) => {
    expect(containsExactMatch(answer, truth)).toBe(expected);
  });

  it('F1 counts shared tokens', () => {
    expect(f1('Juan Ochoa', 'Juan Francisco Ochoa')).toBeCloseTo(0.8, 10);
    expect(f1('great train robbery', 'great train robbery film')).toBeCloseTo(6 / 7, 10);
    expect(f1('', 'x')).toBe(0);
  });

  it('f1_score: 1 when the answer contains the reference, else F1; aliases count', () => {
    expect(shortAnswerScore('I think it was Juan Ochoa', 'Juan Francisco Ochoa')).toBeCloseTo(4 / 9, 10); // P 2/6, R 2/3
    expect(shortAnswerScore('It is the red cross.', '["red cross disambiguation", "red cross"]')).toBe(1);
    expect(shortAnswerScore('10', '1')).toBe(0);
  });
});
