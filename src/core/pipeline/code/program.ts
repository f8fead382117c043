// The program the code scorer runs: the answer's code plus the task's tests. MBPP: the code, then its assert
// lines. HumanEval: the prompt, then the answer (a bare function body goes under the prompt's signature; a whole
// function follows the prompt and replaces its docstring-only definition, so the prompt's imports and helper
// functions stay defined), then the task's `check` function called on the entry point.
import { extractCode } from './extract-code.ts';

const NOT_ENTRY = new Set([
  'set',
  'sorted',
  'list',
  'tuple',
  'abs',
  'round',
  'len',
  'str',
  'int',
  'float',
  'isclose',
  'math',
  'all',
  'any',
  'sum',
  'max',
  'min',
  'frozenset',
  'dict',
  'type',
  'isinstance',
]);

/** The function MBPP's asserts call (the first call in them that is not a builtin). */
export function mbppEntryPoint(tests: readonly string[]): string | undefined {
  for (const test of tests) {
    for (const m of test.matchAll(/(?<![.\w])([A-Za-z_]\w*)\s*\(/g)) if (!NOT_ENTRY.has(m[1]!) && m[1] !== 'assert') return m[1];
  }
  return undefined;
}

/** The function a HumanEval prompt asks for: its last top-level `def`. */
export function humanEvalEntryPoint(prompt: string): string | undefined {
  return [...prompt.matchAll(/^def\s+([A-Za-z_]\w*)\s*\(/gm)].pop()?.[1];
}

export function mbppProgram(answer: string, tests: readonly string[]): string {
  return `${extractCode(answer, mbppEntryPoint(tests))}\n\n${tests.join('\n')}\n`;
}

export function humanEvalProgram(answer: string, prompt: string, check: string): string {
  const entry = humanEvalEntryPoint(prompt);
  const code = extractCode(answer, entry);
  const defines = entry !== undefined && new RegExp(`^\\s*def\\s+${entry}\\s*\\(`, 'm').test(code);
  const body = code.replace(/^\n+/, '');
  const indented = /^[ \t]/.test(body) ? body : body.replace(/^/gm, '    ');
  const head = prompt.replace(/\s+$/, '\n');
  const source = defines ? `${head}${code}` : `${head}${indented}`;
  return `${source}\n\n${check}\n\ncheck(${entry ?? 'None'})\n`;
}
