// How answers become programs: code picked out of fences and LLMRouter's [BEGIN]/[DONE], entry points found,
// HumanEval bodies put under their signature.
import { describe, expect, it } from 'vitest';
import { extractCode } from './extract-code.ts';
import { humanEvalEntryPoint, humanEvalProgram, mbppEntryPoint, mbppProgram } from './program.ts';

describe('code answers to programs', () => {
  it('extracts the block that defines the entry point', () => {
    const answer = 'Usage:\n```\nprint(f(1))\n```\nSolution:\n```python\ndef f(x):\n    return x\n```\nDone.';
    expect(extractCode(answer, 'f')).toBe('def f(x):\n    return x\n');
    expect(extractCode('[BEGIN]\ndef g():\n    pass\n[DONE]')).toBe('def g():\n    pass\n');
    expect(extractCode('def h(): return 1')).toBe('def h(): return 1');
    expect(extractCode('```py\ndef k(): return 2\n')).toBe('def k(): return 2\n');
  });

  it('finds entry points', () => {
    expect(mbppEntryPoint(['assert math.isclose(area_tetrahedron(3), 15.58, rel_tol=0.001)'])).toBe('area_tetrahedron');
    expect(mbppEntryPoint(['assert set(similar_elements((3, 4), (5, 4))) == set((4,))'])).toBe('similar_elements');
    expect(humanEvalEntryPoint('def helper(x):\n    return x\n\n\ndef main_fn(y):\n    """doc"""\n')).toBe('main_fn');
  });

  it('builds MBPP and HumanEval programs', () => {
    expect(mbppProgram('```python\ndef f(x):\n    return x\n```', ['assert f(1) == 1'])).toBe(
      'def f(x):\n    return x\n\n\nassert f(1) == 1\n',
    );
    const prompt = 'from typing import List\n\n\ndef f(xs: List[int]) -> int:\n    """Sum."""\n ';
    const body = humanEvalProgram('    return sum(xs)', prompt, 'def check(candidate):\n    assert candidate([1, 2]) == 3\n');
    expect(body).toBe(
      'from typing import List\n\n\ndef f(xs: List[int]) -> int:\n    """Sum."""\n    return sum(xs)\n\ndef check(candidate):\n    assert candidate([1, 2]) == 3\n\n\ncheck(f)\n',
    );
    expect(humanEvalProgram('```python\ndef f(xs):\n    return sum(xs)\n```', prompt, 'def check(c): pass')).toContain(
      '"""Sum."""\ndef f(xs):\n    return sum(xs)\n',
    );
  });
});
