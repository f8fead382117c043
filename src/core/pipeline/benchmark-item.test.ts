// Reading benchmark queries (LLMRouter's file and the native format), sampling them, and turning them into prompts
// through the tasks' templates, user-defined tasks included.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../test/shared-data.ts';
import { readBenchmarkQueries } from './benchmark-item.ts';
import { parsePythonLiteral } from './python-literal.ts';
import { sampleItems } from './sampler.ts';
import { DEFAULT_TASKS, taskDefinition, withTaskFile } from './tasks.ts';
import { renderPrompt } from './templates.ts';

describe('benchmark queries', () => {
  it.skipIf(!sharedData)("reads LLMRouter's test queries: 14 tasks, options and tests parsed from Python reprs", () => {
    const items = readBenchmarkQueries(
      readFileSync(join(sharedData!, 'llmrouter/default_query_test.jsonl'), 'utf8'),
      'default_query_test.jsonl',
    );
    expect(items.length).toBe(706);
    expect(new Set(items.map((i) => i.task)).size).toBe(14);
    expect(items.filter((i) => i.metric === 'em_mc').every((i) => (i.options?.length ?? 0) >= 2)).toBe(true); // logic grids have 2-5 houses
    expect(items.filter((i) => i.task === 'mbpp').every((i) => (i.tests?.length ?? 0) >= 3)).toBe(true);
    expect(items.find((i) => i.task === 'commonsense_qa')!.options![1]).toEqual({ label: 'B', text: 'hardware store' });
  });

  it('names the line and field of a bad query', () => {
    const bad = '{"task_name":"mmlu","query":"q","ground_truth":"A","metric":"em_mc","choices":"[\'x\', "}\n';
    expect(() => readBenchmarkQueries(bad, 'q.jsonl')).toThrow('q.jsonl, line 1, field "choices"');
    expect(() => readBenchmarkQueries('{"task_name":"mmlu","query":"q","metric":"em_mc"}\n', 'q.jsonl')).toThrow('field "ground_truth"');
  });

  it('reads native samples with task, truth and metric', () => {
    const [item] = readBenchmarkQueries(
      '{"id":"n1","query":"2+2?","task":"gsm8k","ground_truth":"#### 4","metric":"GSM8K","outcomes":{}}\n',
      'n.jsonl',
    );
    expect(item).toEqual({ id: 'n1', task: 'gsm8k', query: '2+2?', ground_truth: '#### 4', metric: 'GSM8K' });
  });

  it('parses Python literals', () => {
    expect(parsePythonLiteral("{'label': ['A', 'B'], 'text': [\"it's\", 'a\\nb']}")).toEqual({ label: ['A', 'B'], text: ["it's", 'a\nb'] });
    expect(parsePythonLiteral('[(1, 2.5), None, True]')).toEqual([[1, 2.5], null, true]);
    expect(() => parsePythonLiteral('[1, 2')).toThrow('not a Python literal');
  });
});

describe('sampler', () => {
  const items = Array.from({ length: 30 }, (_, i) => ({
    id: `q${i}`,
    task: i < 20 ? 'a' : 'b',
    query: `q${i}`,
    ground_truth: '1',
    metric: 'GSM8K',
  }));
  it('takes N per task, seeded, in file order', () => {
    const one = sampleItems(items, { perTask: 5, seed: 3 });
    expect(one.filter((i) => i.task === 'a').length).toBe(5);
    expect(one.filter((i) => i.task === 'b').length).toBe(5);
    expect(sampleItems(items, { perTask: 5, seed: 3 })).toEqual(one);
    expect(sampleItems(items, { perTask: 5, seed: 4 })).not.toEqual(one);
    expect(one.map((i) => Number(i.id.slice(1)))).toEqual([...one.map((i) => Number(i.id.slice(1)))].sort((x, y) => x - y));
    expect(sampleItems(items, { counts: { a: 2 }, perTask: 1 }).length).toBe(3);
  });
});

describe('templates and tasks', () => {
  const mc = {
    id: 'm',
    task: 'mmlu',
    query: 'Where is Angkor Wat?',
    ground_truth: 'C',
    metric: 'em_mc',
    options: [
      { label: 'A', text: 'India' },
      { label: 'B', text: 'Cambodia' },
    ],
  };
  it('lays out the choices and the entry point', () => {
    expect(renderPrompt(mc, 'multiple_choice')).toContain('Question: Where is Angkor Wat?\n\nOptions:\n(A) India\n(B) Cambodia');
    const mbpp = {
      id: 'b',
      task: 'mbpp',
      query: 'Write a function to add.',
      ground_truth: '',
      metric: 'code_eval',
      tests: ['assert add(1, 2) == 3'],
    };
    expect(renderPrompt(mbpp, 'code_tests')).toContain('define the function `add` and pass these tests:\n\nassert add(1, 2) == 3');
  });

  it('takes edited templates and user tasks, refusing unknown names', () => {
    const set = withTaskFile(
      DEFAULT_TASKS,
      { templates: { terse: 'Q: {query} A:' }, tasks: [{ name: 'my_qa', template: 'terse', metric: 'f1_score' }] },
      'tasks.json',
    );
    expect(taskDefinition(set, 'my_qa', 'f1_score', false)).toEqual({ name: 'my_qa', template: 'terse', metric: 'f1_score' });
    expect(renderPrompt({ ...mc, task: 'my_qa' }, 'terse', set.templates)).toBe('Q: Where is Angkor Wat? A:');
    expect(() => withTaskFile(DEFAULT_TASKS, { tasks: [{ name: 'x', template: 'nope', metric: 'em_mc' }] }, 'tasks.json')).toThrow(
      'unknown template "nope"',
    );
    expect(() => withTaskFile(DEFAULT_TASKS, { tasks: [{ name: 'x', template: 'open', metric: 'bleu' }] }, 'tasks.json')).toThrow(
      'unknown metric "bleu"',
    );
    expect(() => renderPrompt(mc, 'x', { x: '{question}' })).toThrow('unknown placeholder {question}');
    expect(taskDefinition(DEFAULT_TASKS, 'new_task', 'llm_judge', false).template).toBe('open');
  });
});
