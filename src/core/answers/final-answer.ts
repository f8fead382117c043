// The final answer of a worked solution where one can be read off (a number, as in GSM8K): after the
// "####" marker, else after "the answer is", else the last number written; and whether two answers agree,
// the check a cascade runs between two cheap answers (agreement suggests both are right).
import { parseNumber } from './arithmetic.ts';

export interface FinalAnswer {
  value: number;
  /** Where it was read: after "####", after "the answer is", or the last number in the text. */
  marker: 'hash' | 'answer-is' | 'last-number';
  /** Nothing but the number follows the marker (graders that compare the text after "####" need this). */
  clean: boolean;
}

const NUMBER = String.raw`-?\$?\s?\d[\d,]*(?:\.\d+)?`;
const HASH = new RegExp(String.raw`####\s*(${NUMBER})([^\n]*)`);
const ANSWER_IS = new RegExp(String.raw`answer is:?\s*(${NUMBER})`, 'i');
const ANY_NUMBER = new RegExp(NUMBER, 'g');

export function finalAnswer(text: string): FinalAnswer | null {
  const t = text.slice(-20_000);
  const hashAt = t.lastIndexOf('####');
  const hash = hashAt >= 0 ? HASH.exec(t.slice(hashAt)) : null;
  if (hash) return read(hash[1]!, 'hash', hash[2]!.trim() === '');
  const answerIs = ANSWER_IS.exec(t);
  if (answerIs) return read(answerIs[1]!, 'answer-is', false);
  const last = t.match(ANY_NUMBER)?.at(-1);
  return last === undefined ? null : read(last, 'last-number', false);
}

function read(written: string, marker: FinalAnswer['marker'], clean: boolean): FinalAnswer | null {
  const value = parseNumber(written.replace(/^-\$/, '-').replace(/\s/g, ''));
  return value === null ? null : { value, marker, clean };
}

/** Whether two answers' final numbers are equal; null when either has none to compare. */
export function answersAgree(a: string, b: string): boolean | null {
  const x = finalAnswer(a),
    y = finalAnswer(b);
  if (!x || !y) return null;
  return Math.abs(x.value - y.value) <= 1e-6 * Math.max(1, Math.abs(x.value));
}
