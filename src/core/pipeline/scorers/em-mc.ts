// Multiple choice (em_mc): which option the answer chose, against the reference letter. An explicit statement
// ("The answer is (B).", "Answer: b", "**Answer:** B") decides, the last one winning; else the option letters marked
// as answers ("(B)", "**B**", "B) ...", "B." at a line's start, a lone letter); else the one option whose text the
// answer contains. Two different letters at the deciding level are ambiguous and score 0 (LLMRouter instead checks
// whether the reference letter is a substring of the last "(x)", so "(B) or (C)" counts for C).
import { lastBoxed } from './boxed.ts';

export interface McOption {
  label: string;
  text: string;
}

// "answer is C", "Answer: (b)", "answer: b", "**Answer:** B"; a lower-case letter only in brackets or after a colon
// (so "to answer a question" says nothing).
/** "Answer", "choice" or "option", maybe "is", maybe a colon or an equals sign, maybe markdown emphasis... */
const EXPLICIT_CUE = /\b(?:[Aa]nswer|ANSWER|[Cc]hoice|[Oo]ption)\b(?:\s+is)?\s*[:=]?[\s*_]*/;
/** ...then the letter: in brackets, a capital standing alone, or a lower-case one right after the colon. */
const EXPLICIT_LETTER = /(?:\(([A-Za-z])\)|\[([A-Za-z])\]|([A-Z])(?![A-Za-z'])|(?<=[:=][\s*_]*)([a-z])(?![A-Za-z']))/;
const EXPLICIT = new RegExp(EXPLICIT_CUE.source + EXPLICIT_LETTER.source, 'g');
const ALTERNATIVE = /^[\s*_]*(?:or|and|\/)\s*\(?([A-Z])\)?(?![A-Za-z])/;

function escape(label: string): string {
  return label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function distinct(labels: string[]): string | undefined {
  const set = new Set(labels);
  return set.size === 1 ? labels[0] : undefined;
}

function explicitLetters(answer: string, labels: Set<string>): string[] {
  const statements = [...answer.matchAll(EXPLICIT)]
    .map((m) => ({ letter: (m[1] ?? m[2] ?? m[3] ?? m[4]!).toUpperCase(), end: m.index + m[0].length }))
    .filter((s) => labels.has(s.letter));
  const last = statements.pop();
  if (!last) return [];
  // "The answer is (A) or (B)" names two options.
  const alternative = ALTERNATIVE.exec(answer.slice(last.end))?.[1];
  return alternative && labels.has(alternative) ? [last.letter, alternative] : [last.letter];
}

function markedLetters(answer: string, labels: Set<string>): string[] {
  const trimmed = answer.trim().replace(/^[*_\s(]+|[*_\s).]+$/g, '');
  if (trimmed.length === 1 && labels.has(trimmed.toUpperCase())) return [trimmed.toUpperCase()];
  const marks = [...labels].map(escape).join('');
  const patterns = [
    new RegExp(`\\(([${marks}])\\)`, 'g'),
    new RegExp(`\\*\\*([${marks}])\\*\\*`, 'g'),
    new RegExp(`^\\s*([${marks}])[).:]\\s`, 'gm'),
  ];
  return patterns.flatMap((p) => [...answer.matchAll(p)].map((m) => m[1]!));
}

function optionByText(answer: string, options: readonly McOption[]): string[] {
  const said = answer.toLowerCase();
  return options
    .filter((o) => o.text.trim().length > 0 && said.includes(o.text.trim().toLowerCase().replace(/\.$/, '')))
    .map((o) => o.label);
}

/** The option label the answer chose, or undefined when it chose none or several. */
export function chosenOption(answer: string, options: readonly McOption[]): string | undefined {
  const labels = new Set(options.map((o) => o.label.toUpperCase()));
  const boxed = lastBoxed(answer)
    ?.replace(/\\text\{|[{}()\s]/g, '')
    .toUpperCase();
  if (boxed !== undefined && labels.has(boxed)) return boxed;
  const explicit = explicitLetters(answer, labels);
  if (explicit.length > 0) return distinct(explicit);
  const marked = markedLetters(answer, labels);
  if (marked.length > 0) return distinct(marked);
  return distinct(optionByText(answer, options));
}

/** Options A, B, C... when a task gives only their texts. */
export function lettered(texts: readonly string[]): McOption[] {
  return texts.map((text, i) => ({ label: String.fromCharCode(65 + i), text }));
}

export function emMcScore(answer: string, truth: string, options: readonly McOption[]): number {
  const chosen = chosenOption(answer, options.length > 0 ? options : lettered(['', '', '', '', '']));
  return chosen !== undefined && chosen === truth.trim().toUpperCase() ? 1 : 0;
}
