// GSM8K: the final number of the answer against the number after the reference's "####". The answer's number is
// the one after its own "####", else in its last \boxed{}, else after its last "answer is"/"Answer:", else its last
// number. Numbers are compared as values: thousands commas, currency, units, a trailing period and "18.00" vs "18"
// do not matter (LLMRouter deletes every "." instead, so 3.5 and 35 match there).
import { lastBoxed } from './boxed.ts';

const NUMBER = /-?\d[\d,]*(?:\.\d+)?|-?\.\d+/g;

/** The value of a number as written ("1,234.50", "-7", ".5"); undefined when it is not one. */
export function numberValue(text: string): number | undefined {
  const m = text.match(NUMBER);
  if (!m) return undefined;
  const value = Number(m[m.length - 1]!.replace(/,/g, ''));
  return Number.isFinite(value) ? value : undefined;
}

function lastNumberIn(text: string): number | undefined {
  return numberValue(text);
}

/** The final number of a worked answer, by the precedence above. */
export function finalNumber(answer: string): number | undefined {
  const hashes = answer.lastIndexOf('####');
  if (hashes >= 0) {
    const after = answer.slice(hashes + 4).match(NUMBER);
    if (after) return numberValue(after[0]);
  }
  const boxed = lastBoxed(answer);
  if (boxed !== undefined && numberValue(boxed) !== undefined) return numberValue(boxed);
  const stated = [...answer.matchAll(/(?:answer is|answer:|answer =)\s*[:*\s]*\$?\s*(-?[\d,]*\.?\d+)/gi)].pop();
  if (stated) return numberValue(stated[1]!);
  return lastNumberIn(answer);
}

/** The reference's number: after "####" when present, else its last number. */
export function referenceNumber(truth: string): number | undefined {
  const hashes = truth.lastIndexOf('####');
  return lastNumberIn(hashes >= 0 ? truth.slice(hashes + 4) : truth);
}

export function gsm8kScore(answer: string, truth: string): number {
  const expected = referenceNumber(truth);
  const got = finalNumber(answer);
  if (expected === undefined || got === undefined) return 0;
  return Math.abs(expected - got) <= 1e-6 * Math.max(1, Math.abs(expected)) ? 1 : 0;
}
