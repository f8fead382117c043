// llm_judge for open-ended tasks: a configured model rates the answer against the reference from 1 to 10, read
// from its last "[[N]]" (or "Rating: N"), normalised to [0,1] as (N - 1) / 9. A reply without a rating throws, so
// it is recorded as a failed judgement rather than a score.
import type { Complete } from '../../routers/complete.ts';

export function judgePrompt(question: string, reference: string, answer: string): string {
  return [
    'You are grading an answer against a reference answer. Rate how correct and complete the answer is, from 1',
    '(wrong or useless) to 10 (as good as the reference). Judge substance, not style or length.',
    'Reply with one short sentence of reasoning, then the rating as "Rating: [[N]]".',
    '',
    `[Question]\n${question}`,
    `[Reference answer]\n${reference}`,
    `[Answer to grade]\n${answer}`,
  ].join('\n');
}

/** The rating in a judge's reply, 1-10; undefined when there is none. */
export function parseRating(reply: string): number | undefined {
  const bracketed = [...reply.matchAll(/\[\[\s*(\d+(?:\.\d+)?)\s*\]\]/g)].pop();
  const stated = bracketed ?? [...reply.matchAll(/rating\s*[:=]?\s*(\d+(?:\.\d+)?)/gi)].pop();
  const value = stated ? Number(stated[1]) : undefined;
  return value !== undefined && value >= 1 && value <= 10 ? value : undefined;
}

export async function llmJudgeScore(
  answer: string,
  question: string,
  reference: string,
  judge: Complete,
  model: string,
): Promise<{ score: number; cost: number }> {
  const reply = await judge(model, [{ role: 'user', content: judgePrompt(question, reference, answer) }], {
    temperature: 0,
    maxTokens: 200,
  });
  const rating = parseRating(reply.text);
  if (rating === undefined) throw new Error(`the judge ${model} gave no rating: "${reply.text.slice(0, 120)}"`);
  return { score: (rating - 1) / 9, cost: reply.cost };
}
