// `llmrouter score --in --out` on a file of answers: several code answers (MBPP and HumanEval, right, wrong, and one
// that tries the js.constructor escape to write a file) and a multiple-choice one, scored in one run whose code
// answers share one sandbox process; each record comes back with its score. A line without an answer is refused
// with its line number and nothing is written.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODE_SOLUTIONS } from '../test-server/code-solutions.ts';
import { runCli } from './helpers/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'llmrouter-score-'));
const marker = join(dir, 'escaped');

const fenced = (code: string) => `\`\`\`python\n${code}\n\`\`\``;
const mbppTests =
  "['assert min_product_tuple([(2, 7), (2, 6), (1, 8), (4, 9)] )==8', 'assert min_product_tuple([(10,20), (15,2), (5,10)] )==30']";
const mbpp = {
  task_name: 'mbpp',
  query: 'Write a function to find the minimum product from the pairs of tuples within a given list.',
  ground_truth: mbppTests,
  metric: 'code_eval',
  task_id: 409,
};
const humanEval = {
  task_name: 'human_eval',
  query:
    'from typing import List\n\n\ndef factorize(n: int) -> List[int]:\n    """ Return list of prime factors of given integer in the order from smallest to largest.\n    """\n',
  ground_truth: '\n\ndef check(candidate):\n    assert candidate(2) == [2]\n    assert candidate(3 * 2 * 3) == [2, 3, 3]\n',
  metric: 'code_eval',
  task_id: 'HumanEval/25',
};
const escape = `import js\ng = js.constructor.constructor("return globalThis")()\ng.process.getBuiltinModule("fs").writeFileSync("${marker}", "x")\ndef min_product_tuple(l):\n    return min(a * b for a, b in l)`;
const rows = [
  { ...mbpp, model_name: 'right', response: fenced(CODE_SOLUTIONS['409']!), expected: 1 },
  { ...mbpp, model_name: 'wrong', response: fenced('def min_product_tuple(l):\n    return max(a * b for a, b in l)'), expected: 0 },
  { ...mbpp, model_name: 'attacker', response: fenced(escape), expected: 0 },
  { ...humanEval, model_name: 'right', response: fenced(CODE_SOLUTIONS['HumanEval/25']!), expected: 1 },
  { ...humanEval, model_name: 'wrong', response: fenced('def factorize(n):\n    return [n]'), expected: 0 },
  {
    task_name: 'mmlu',
    query: 'Which is a prime?',
    ground_truth: 'B',
    metric: 'em_mc',
    choices: "['4', '5']",
    model_name: 'right',
    response: 'The answer is (B).',
    expected: 1,
  },
];

describe('llmrouter score --in --out', { timeout: 300_000 }, () => {
  it('scores a file of answers, the code ones in one sandbox process', async () => {
    const input = join(dir, 'answers.jsonl');
    const output = join(dir, 'scored.jsonl');
    writeFileSync(input, rows.map(({ expected: _e, ...r }) => JSON.stringify(r)).join('\n'));
    const { code, stderr } = await runCli(['score', '--in', input, '--out', output]);
    expect(code, stderr).toBe(0);
    expect(stderr).toContain(`scored 6 answers into ${output}; 5 code answers in 1 sandbox process\n`);
    const scored = readFileSync(output, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(scored.map((r) => [r.model_name, r.score])).toEqual(rows.map((r) => [r.model_name, r.expected]));
    expect(scored[1]!.score_detail).toContain('AssertionError');
    expect(scored[0]).toMatchObject({ task_name: 'mbpp', response: rows[0]!.response });
    expect(existsSync(marker)).toBe(false);
  });

  it('refuses a line without an answer, naming it, and writes nothing', async () => {
    const input = join(dir, 'no-answer.jsonl');
    const output = join(dir, 'never.jsonl');
    writeFileSync(input, `${JSON.stringify({ ...mbpp, response: 'x' })}\n${JSON.stringify(mbpp)}\n`);
    const { code, stderr } = await runCli(['score', '--in', input, '--out', output]);
    expect(code).toBe(1);
    expect(stderr).toContain('line 2');
    expect(stderr).toContain('response');
    expect(existsSync(output)).toBe(false);
  });
});
