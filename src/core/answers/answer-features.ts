// What a verifier reads of a (query, answer) pair, all computed on the device from the text alone: whether a
// final answer can be read off and how cleanly, whether the written arithmetic is right, whether the answer is
// the last result computed, hedging, and sizes. Names are fixed: a trained verifier stores them and is checked
// against them when loaded.
import { checkArithmetic } from './arithmetic.ts';
import { finalAnswer } from './final-answer.ts';

export const ANSWER_FEATURES = [
  'no_final_answer',
  'final_after_marker',
  'clean_final',
  'final_not_integer',
  'final_negative',
  'final_in_query',
  'final_is_last_result',
  'calculations',
  'wrong_calculations',
  'any_wrong_calculation',
  'hedges',
  'log_answer_chars',
  'log_query_chars',
  'log_query_numbers',
] as const;

const HEDGES = /\b(however|assum\w*|approximately|cannot|can't|not possible|round\w*|actually|wait|unclear)\b/gi;
const RESULT = /=\s*\$?\s*(-?\d[\d,]*(?:\.\d+)?)/g;
const QUERY_NUMBER = /\d[\d,]*(?:\.\d+)?/g;

const numbersIn = (text: string, pattern: RegExp, group = 0) => [...text.matchAll(pattern)].map((m) => Number(m[group]!.replace(/,/g, '')));

export function answerFeatures(query: string, answer: string): number[] {
  const final = finalAnswer(answer);
  const arithmetic = checkArithmetic(answer);
  const lastResult = numbersIn(answer.slice(-20_000), RESULT, 1).at(-1);
  const queryNumbers = numbersIn(query.slice(0, 20_000), QUERY_NUMBER);
  const is = (v: boolean) => (v ? 1 : 0);
  return [
    is(!final),
    is(final?.marker === 'hash'),
    is(!!final?.clean),
    is(!!final && !Number.isInteger(final.value)),
    is(!!final && final.value < 0),
    is(!!final && queryNumbers.includes(final.value)),
    is(!!final && lastResult === final.value),
    Math.log1p(arithmetic.checked),
    arithmetic.wrong,
    is(arithmetic.wrong > 0),
    (answer.slice(0, 20_000).match(HEDGES) ?? []).length,
    Math.log1p(answer.length),
    Math.log1p(query.length),
    Math.log1p(queryNumbers.length),
  ];
}
