// `llmrouter score --metric NAME --answer TEXT --truth TEXT`: one answer through one scorer, the score on stdout.
// Multiple choice takes its options with --choices (a JSON or Python list, or {label, text}); HumanEval its prompt
// with --query; MBPP's truth is its list of asserts. `--in FILE --out FILE` scores a whole file (score-batch.ts).
import type { Command } from '../command.ts';
import { existingFile, requiredFlag } from '../command.ts';
import { UsageError } from '../usage-error.ts';
import { optionsOf, type BenchmarkItem } from '../../core/pipeline/benchmark-item.ts';
import { parsePythonLiteral } from '../../core/pipeline/python-literal.ts';
import { METRICS, scorerFor } from '../../core/pipeline/scorers/registry.ts';
import { createNodePythonRunner } from '../../platform/node/python-runner.ts';
import { scoreFile } from '../score-batch.ts';

function itemOf(metric: string, truth: string, values: Record<string, unknown>): BenchmarkItem {
  const item: BenchmarkItem = {
    id: 'cli',
    task: 'cli',
    query: typeof values.query === 'string' ? values.query : '',
    ground_truth: truth,
    metric,
  };
  if (typeof values.choices === 'string') item.options = optionsOf(values.choices);
  if (metric === 'code_eval' && truth.trim().startsWith('[')) item.tests = parsePythonLiteral(truth) as string[];
  if (metric === 'code_eval' && !item.tests && !item.query)
    throw new UsageError(
      'code_eval: give the asserts (MBPP) as --truth "[...]", or the HumanEval prompt with --query and its check function as --truth',
    );
  return item;
}

export const score: Command = {
  usage:
    `llmrouter score --metric ${METRICS.join('|')} --answer TEXT --truth TEXT [--choices LIST] [--query TEXT]\n` +
    '       llmrouter score --in ANSWERS.jsonl --out SCORED.jsonl (queries with their answer in "response")',
  options: {
    metric: { type: 'string' },
    answer: { type: 'string' },
    truth: { type: 'string' },
    choices: { type: 'string' },
    query: { type: 'string' },
    in: { type: 'string' },
    out: { type: 'string' },
  },
  async run({ values }) {
    if (values.in !== undefined || values.out !== undefined)
      return scoreFile(existingFile(requiredFlag(values, 'in'), 'answers file'), requiredFlag(values, 'out'));
    const metric = requiredFlag(values, 'metric').toLowerCase();
    if (!METRICS.includes(metric)) throw new UsageError(`unknown metric "${metric}" (known: ${METRICS.join(', ')})`);
    if (metric === 'llm_judge') throw new UsageError('llm_judge calls a model: use it through llmrouter generate --judge MODEL');
    const answer = typeof values.answer === 'string' ? values.answer : '';
    const item = itemOf(metric, requiredFlag(values, 'truth'), values);
    const python = metric === 'code_eval' ? createNodePythonRunner() : undefined;
    try {
      const result = await scorerFor(metric)(answer, item, { ...(python ? { python } : {}) });
      console.log(String(result.score));
      if (result.detail) process.stderr.write(`${result.detail}\n`);
    } finally {
      python?.close();
    }
  },
};
