// Prompt templates, one per kind of task, with `{placeholders}` filled from the item: {query}, {choices} (one
// "(A) text" line per option), {tests} (MBPP's asserts), {entry_point} (the function the tests call), {concepts}
// (CommonGen's words). The user may replace any of them, or add new ones for their own tasks.
import type { BenchmarkItem } from './benchmark-item.ts';
import { humanEvalEntryPoint, mbppEntryPoint } from './code/program.ts';

export const DEFAULT_TEMPLATES: Readonly<Record<string, string>> = {
  multiple_choice:
    'Answer the following multiple-choice question. Think it through briefly, then end with "The answer ' +
    'is (X)", where X is the letter of the correct option.\n\nQuestion: {query}\n\nOptions:\n{choices}',
  math_final:
    'Solve the following problem step by step. End your answer with a last line "#### N", where N is the final number.\n\nProblem: {query}',
  math_boxed: 'Solve the following problem. Put your final answer, and only the answer, inside \\boxed{}.\n\nProblem: {query}',
  short_answer: 'Answer the following question with a short answer (a few words), without explanation.\n\nQuestion: {query}\nAnswer:',
  code_tests:
    'You are an expert Python programmer. {query}\nYour code must define the function `{entry_point}` ' +
    'and pass these tests:\n\n{tests}\n\nReply with the complete Python code in a single ```python block.',
  code_function:
    'Complete the following Python function. Reply with the whole function `{entry_point}` (its ' +
    'signature included, and any imports it needs) in a single ```python block.\n\n```python\n{query}```',
  commongen: 'Write one or two short, natural sentences that use all of these words (any form of each word counts): {concepts}.',
  open: '{query}',
};

export type Templates = Readonly<Record<string, string>>;

function placeholders(item: BenchmarkItem): Record<string, string> {
  return {
    query: item.query,
    choices: (item.options ?? []).map((o) => `(${o.label}) ${o.text}`).join('\n'),
    tests: (item.tests ?? []).join('\n'),
    entry_point: (item.tests ? mbppEntryPoint(item.tests) : humanEvalEntryPoint(item.query)) ?? '',
    concepts: item.query,
  };
}

/** The prompt for an item through the named template; an unknown template or placeholder throws. */
export function renderPrompt(item: BenchmarkItem, templateId: string, templates: Templates = DEFAULT_TEMPLATES): string {
  const template = templates[templateId];
  if (template === undefined) throw new Error(`unknown prompt template "${templateId}" (known: ${Object.keys(templates).join(', ')})`);
  const values = placeholders(item);
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!(name in values))
      throw new Error(
        `template "${templateId}": unknown placeholder ${whole} (known: ${Object.keys(values)
          .map((k) => `{${k}}`)
          .join(', ')})`,
      );
    return values[name]!;
  });
}
