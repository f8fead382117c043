// Token counts estimated from text where a source reports none: about four characters per token.
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
