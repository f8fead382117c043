// Cheap facts about a query's text that rules and the model-agnostic router read: its language
// (by script, and English vs other Latin-script text by common words) and whether it holds code.

export const LANGUAGES = ['en', 'latin', 'zh', 'ja', 'ko', 'ru', 'ar', 'he', 'hi', 'el', 'th', 'unknown'] as const;
export type Language = (typeof LANGUAGES)[number];

const SCRIPTS: [Language, RegExp][] = [
  ['ja', /[\u3040-\u30ff]/g],
  ['ko', /[\uac00-\ud7af]/g],
  ['zh', /[\u4e00-\u9fff]/g],
  ['ru', /[\u0400-\u04ff]/g],
  ['ar', /[\u0600-\u06ff]/g],
  ['he', /[\u0590-\u05ff]/g],
  ['hi', /[\u0900-\u097f]/g],
  ['el', /[\u0370-\u03ff]/g],
  ['th', /[\u0e00-\u0e7f]/g],
  ['latin', /[a-zA-Z\u00c0-\u024f]/g],
];

const ENGLISH = new Set([
  'the',
  'and',
  'is',
  'of',
  'to',
  'in',
  'a',
  'what',
  'how',
  'for',
  'that',
  'it',
  'with',
  'are',
  'this',
  'which',
  'you',
  'be',
  'on',
  'can',
]);

/** The dominant script's language; Latin text is 'en' when common English words make up a fair share of it. */
export function detectLanguage(text: string): Language {
  let best: Language = 'unknown',
    bestCount = 0;
  for (const [lang, re] of SCRIPTS) {
    const count = text.match(re)?.length ?? 0;
    // Japanese text mixes kana with Han characters: any kana decides it.
    if (lang === 'ja' && count > 0) return 'ja';
    if (count > bestCount) (best = lang), (bestCount = count);
  }
  if (best !== 'latin') return best;
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  const common = words.filter((w) => ENGLISH.has(w)).length;
  return words.length < 4 || common / words.length >= 0.08 ? 'en' : 'latin';
}

/** A line that starts as code does (a keyword, a declaration, a control statement)... */
const CODE_START =
  /^\s*(def |class |import |from \S+ import|function\b|const |let |var |public |private |#include|return\b|if\s*\(|for\s*\(|while\s*\().*/;
/** ...or ends as code does (a semicolon or a brace). */
const CODE_END = /.*[;{}]\s*$/;
const CODE_LINE = anyOf('', CODE_START, CODE_END);

/** One regex matching any of the parts (each an alternative as written, their groups numbered in order). */
export function anyOf(flags: string, ...parts: RegExp[]): RegExp {
  return new RegExp(parts.map((r) => r.source).join('|'), flags);
}

/** True for fenced code, or at least two lines that look like code. */
export function hasCode(text: string): boolean {
  if (/```/.test(text)) return true;
  return text.split('\n').filter((line) => CODE_LINE.test(line)).length >= 2;
}
