// The code scorer for real: answers run in fresh Pyodide interpreters on worker threads. Correct MBPP and HumanEval
// solutions pass, wrong ones fail, `while True: pass` is stopped by the time limit, a memory hog by the memory cap,
// and the answer's code cannot reach JavaScript or the network.
import { afterAll, describe, expect, it } from 'vitest';
import { scorerFor } from '../../core/pipeline/scorers/registry.ts';
import type { BenchmarkItem } from '../../core/pipeline/benchmark-item.ts';
import { CODE_SOLUTIONS } from '../../../test-server/code-solutions.ts';
import { createNodePythonRunner } from './python-runner.ts';

const python = createNodePythonRunner({ timeoutMs: 10_000, memoryMb: 256 });
afterAll(() => python.close());

const mbpp: BenchmarkItem = {
  id: 'mbpp-1',
  task: 'mbpp',
  metric: 'code_eval',
  task_id: '409',
  query: 'Write a function to find the minimum product from the pairs of tuples within a given list.',
  ground_truth: '',
  tests: ['assert min_product_tuple([(2, 7), (2, 6), (1, 8), (4, 9)] )==8', 'assert min_product_tuple([(10,20), (15,2), (5,10)] )==30'],
};
const humanEval: BenchmarkItem = {
  id: 'he-1',
  task: 'human_eval',
  metric: 'code_eval',
  task_id: 'HumanEval/25',
  query:
    'from typing import List\n\n\ndef factorize(n: int) -> List[int]:\n    """ Return list of prime factors of given integer in the order from smallest to largest.\n    """\n',
  ground_truth:
    '\n\nMETADATA = {}\n\n\ndef check(candidate):\n    assert candidate(2) == [2]\n    assert candidate(3 * 19 * 19 * 19) == [3, 19, 19, 19]\n    assert candidate(3 * 2 * 3) == [2, 3, 3]\n',
};
const score = (answer: string, item: BenchmarkItem) => Promise.resolve(scorerFor('code_eval')(answer, item, { python }));
const fenced = (code: string) => `Here you go:\n\`\`\`python\n${code}\n\`\`\``;

describe('code_eval in Pyodide (Node worker threads)', { timeout: 180_000 }, () => {
  it('passes a correct MBPP solution and fails a wrong one', async () => {
    expect(await score(fenced(CODE_SOLUTIONS['409']!), mbpp)).toEqual({ score: 1 });
    const wrong = await score(fenced('def min_product_tuple(l):\n    return max(a * b for a, b in l)'), mbpp);
    expect(wrong.score).toBe(0);
    expect(wrong.detail).toContain('AssertionError');
  });

  it('passes a correct HumanEval solution (whole function or body only) and fails a wrong one', async () => {
    expect(await score(fenced(CODE_SOLUTIONS['HumanEval/25']!), humanEval)).toEqual({ score: 1 });
    expect(
      await score(
        '[BEGIN]\n    f, d = [], 2\n    while n > 1:\n        while n % d == 0:\n            f.append(d)\n            n //= d\n        d += 1\n    return f\n[DONE]',
        humanEval,
      ),
    ).toEqual({ score: 1 });
    expect((await score(fenced('def factorize(n):\n    return [n]'), humanEval)).score).toBe(0);
  });

  it('stops an infinite loop at the time limit, and caps memory', async () => {
    const loop = await score(fenced('def min_product_tuple(l):\n    while True: pass'), mbpp);
    expect(loop).toEqual({ score: 0, detail: 'timeout: stopped after 10000 ms' });
    const hog = await python.run('x = bytearray(400 * 1024 * 1024)');
    expect(hog.status).toBe('memory');
  });

  it('gives the code no way to JavaScript or the network', async () => {
    const attempts = [
      'import js\njs.fetch',
      'import pyodide_js',
      'from pyodide.code import run_js\nrun_js("fetch")',
      'import urllib.request\nurllib.request.urlopen("http://127.0.0.1:1/")',
    ];
    const program = `blocked = 0\nfor attempt in ${JSON.stringify(attempts)}:\n    try:\n        exec(attempt)\n    except Exception:\n        blocked += 1\nassert blocked == ${attempts.length}, blocked\n`;
    expect(await python.run(program)).toEqual({ status: 'passed' });
  });
});
