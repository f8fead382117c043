// Which template and metric each task uses: LLMRouter's 14 tasks built in; a task the table does not know gets
// the template its metric suggests; a task file (JSON) adds or overrides tasks and templates:
// {"templates": {"id": "text with {query}"}, "tasks": [{"name": "my_task", "template": "id", "metric": "f1_score"}]}.
import { z } from 'zod';
import { DEFAULT_TEMPLATES, type Templates } from './templates.ts';
import { METRICS } from './scorers/registry.ts';

export interface TaskDefinition {
  name: string;
  template: string;
  metric: string;
}

const BUILT_IN: Record<string, Omit<TaskDefinition, 'name'>> = {
  mmlu: { template: 'multiple_choice', metric: 'em_mc' },
  gpqa: { template: 'multiple_choice', metric: 'em_mc' },
  commonsense_qa: { template: 'multiple_choice', metric: 'em_mc' },
  openbook_qa: { template: 'multiple_choice', metric: 'em_mc' },
  arc_challenge: { template: 'multiple_choice', metric: 'em_mc' },
  'agentverse-logicgrid': { template: 'multiple_choice', metric: 'em_mc' },
  gsm8k: { template: 'math_final', metric: 'GSM8K' },
  math: { template: 'math_boxed', metric: 'MATH' },
  'agentverse-mgsm': { template: 'math_boxed', metric: 'MATH' },
  natural_qa: { template: 'short_answer', metric: 'f1_score' },
  trivia_qa: { template: 'short_answer', metric: 'f1_score' },
  mbpp: { template: 'code_tests', metric: 'code_eval' },
  human_eval: { template: 'code_function', metric: 'code_eval' },
  commongen: { template: 'commongen', metric: 'commongen_coverage' },
};

const TEMPLATE_OF_METRIC: Record<string, string> = {
  em_mc: 'multiple_choice',
  gsm8k: 'math_final',
  math: 'math_boxed',
  f1_score: 'short_answer',
  f1: 'short_answer',
  cem: 'short_answer',
  commongen_coverage: 'commongen',
  llm_judge: 'open',
};

export interface TaskSet {
  tasks: Record<string, TaskDefinition>;
  templates: Templates;
}

export const DEFAULT_TASKS: TaskSet = {
  tasks: Object.fromEntries(Object.entries(BUILT_IN).map(([name, t]) => [name, { name, ...t }])),
  templates: DEFAULT_TEMPLATES,
};

/** The definition for a task: its own, else one made from the item's metric. */
export function taskDefinition(set: TaskSet, task: string, metric: string, hasTests: boolean): TaskDefinition {
  const known = set.tasks[task];
  if (known) return known;
  const template =
    metric.toLowerCase() === 'code_eval'
      ? hasTests
        ? 'code_tests'
        : 'code_function'
      : (TEMPLATE_OF_METRIC[metric.toLowerCase()] ?? 'open');
  return { name: task, template, metric };
}

const taskFileSchema = z.object({
  templates: z.record(z.string(), z.string()).default({}),
  tasks: z.array(z.object({ name: z.string().min(1), template: z.string().min(1), metric: z.string().min(1) })).default([]),
});

/** Adds a task file's templates and tasks to a set; a task naming an unknown template or metric throws. */
export function withTaskFile(set: TaskSet, value: unknown, file: string): TaskSet {
  const parsed = taskFileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}, field "${issue.path.join('.')}": ${issue.message}`);
  }
  const templates = { ...set.templates, ...parsed.data.templates };
  const tasks = { ...set.tasks };
  for (const task of parsed.data.tasks) {
    if (!(task.template in templates)) throw new Error(`${file}: task "${task.name}" names unknown template "${task.template}"`);
    if (!METRICS.includes(task.metric.toLowerCase()))
      throw new Error(`${file}: task "${task.name}" names unknown metric "${task.metric}" (known: ${METRICS.join(', ')})`);
    tasks[task.name] = task;
  }
  return { tasks, templates };
}
