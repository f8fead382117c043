// Short-answer scoring with SQuAD's normalisation (lower case, no punctuation, no articles, single spaces):
// token F1, and contains-exact-match (the reference, as a whole run of tokens, inside the answer). A reference
// may list aliases (a JSON array of strings): the best alias counts.

/** SQuAD's answer normalisation. */
export function normalizeAnswer(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\p{P}\p{S}]/gu, ' ')
    .replace(/\b(a|an|the)\b/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .join(' ');
}

/** The reference answers: a JSON array of strings gives aliases, anything else is one answer. */
export function referenceAliases(truth: string): string[] {
  const trimmed = truth.trim();
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed) && parsed.length > 0 && parsed.every((a) => typeof a === 'string')) return parsed as string[];
    } catch {
      // not JSON: one answer that happens to start with a bracket
    }
  }
  return [truth];
}

function tokenF1(answer: string, truth: string): number {
  const predicted = normalizeAnswer(answer).split(' ').filter(Boolean);
  const reference = normalizeAnswer(truth).split(' ').filter(Boolean);
  if (predicted.length === 0 || reference.length === 0) return predicted.length === reference.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const t of reference) counts.set(t, (counts.get(t) ?? 0) + 1);
  let same = 0;
  for (const t of predicted) {
    const left = counts.get(t) ?? 0;
    if (left > 0) {
      same += 1;
      counts.set(t, left - 1);
    }
  }
  if (same === 0) return 0;
  const precision = same / predicted.length;
  const recall = same / reference.length;
  return (2 * precision * recall) / (precision + recall);
}

function containsTokens(answer: string, truth: string): boolean {
  const reference = normalizeAnswer(truth);
  if (!reference) return false;
  return ` ${normalizeAnswer(answer)} `.includes(` ${reference} `);
}

/** Token F1 against the best alias. */
export function f1(answer: string, truth: string): number {
  return Math.max(...referenceAliases(truth).map((t) => tokenF1(answer, t)));
}

/** 1 when some alias appears in the answer as a whole run of normalised tokens, else 0. */
export function containsExactMatch(answer: string, truth: string): number {
  return referenceAliases(truth).some((t) => containsTokens(answer, t)) ? 1 : 0;
}

/** The short-answer score: 1 when the answer contains the reference, else token F1 (a long, right answer is not
 * penalised for its length). */
export function shortAnswerScore(answer: string, truth: string): number {
  return containsExactMatch(answer, truth) === 1 ? 1 : f1(answer, truth);
}
