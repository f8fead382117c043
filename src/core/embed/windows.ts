// Long texts: a model reads at most maxTokens tokens, so a longer token sequence is cut into consecutive windows,
// each wrapped in the model's own special tokens ([CLS] ... [SEP] for BERT, none for USE-lite), embedded, and
// the window vectors joined into one (pooling.ts weightedMean). Past maxWindows, the head and the tail are kept.

export interface TokenWindow {
  ids: number[];
  /** Tokens of the text in this window (its weight when the windows are joined). */
  tokens: number;
}

/** How the special tokens sit around a text: `prefix` before the text's own tokens, `suffix` after. */
export interface SpecialTokens {
  prefix: readonly number[];
  suffix: readonly number[];
}

/** Finds prefix and suffix by comparing a text encoded with and without special tokens. */
export function specialTokensOf(withSpecials: readonly number[], body: readonly number[]): SpecialTokens {
  const extra = withSpecials.length - body.length;
  for (let p = 0; p <= extra; p++) {
    if (body.every((id, i) => withSpecials[p + i] === id))
      return { prefix: withSpecials.slice(0, p), suffix: withSpecials.slice(p + body.length) };
  }
  return { prefix: [], suffix: [] };
}

/** The windows of one text: a single window when it fits, else windows of maxTokens (head and tail past maxWindows). */
export function tokenWindows(body: readonly number[], specials: SpecialTokens, maxTokens: number, maxWindows: number): TokenWindow[] {
  const room = maxTokens - specials.prefix.length - specials.suffix.length;
  if (room < 1) throw new Error(`a model limit of ${maxTokens} tokens leaves no room beside its special tokens`);
  const starts: number[] = [];
  for (let at = 0; at < Math.max(1, body.length); at += room) starts.push(at);
  const head = Math.ceil(maxWindows / 2);
  const kept = starts.length <= maxWindows ? starts : [...starts.slice(0, head), ...starts.slice(starts.length - (maxWindows - head))];
  return kept.map((at) => {
    const part = body.slice(at, at + room);
    return { ids: [...specials.prefix, ...part, ...specials.suffix], tokens: Math.max(1, part.length) };
  });
}

/** The first window only: the text cut at the model's limit, keeping the special tokens. */
export function truncatedWindow(body: readonly number[], specials: SpecialTokens, maxTokens: number): TokenWindow[] {
  return tokenWindows(body, specials, maxTokens, 1);
}
