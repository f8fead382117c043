// Small routing datasets made for the end-to-end tests: three tasks where a different model is best at each,
// so a router that reads the query can beat every single model. Written in the formats users import.

const TASKS = {
  math: ['What is {n} times {m}?', 'Solve for x: {n}x + {m} = 0', 'Compute the integral of x^{n} from 0 to {m}'],
  code: [
    'Write a Python function that returns {n} fibonacci numbers',
    'Fix this JavaScript bug in loop {n} of {m}',
    'Implement quicksort in Rust for {n} items',
  ],
  chat: ['Tell me a short story about {n} cats', 'What should I cook tonight for {n} people?', 'Suggest {m} names for a dog'],
} as const;

/** Score of each model per task: echo-small is good at chat, echo-large at everything but dearer. */
const SCORES: Record<keyof typeof TASKS, Record<string, number>> = {
  math: { 'echo-small': 0, 'echo-large': 1 },
  code: { 'echo-small': 0, 'echo-large': 1 },
  chat: { 'echo-small': 1, 'echo-large': 1 },
};

export interface FixtureRow {
  id: string;
  query: string;
  task: keyof typeof TASKS;
  scores: Record<string, number>;
}

export function fixtureRows(perTask = 30): FixtureRow[] {
  const rows: FixtureRow[] = [];
  for (const [task, templates] of Object.entries(TASKS) as [keyof typeof TASKS, readonly string[]][]) {
    for (let i = 0; i < perTask; i++) {
      const query = templates[i % templates.length]!.replace('{n}', String(i + 2)).replace('{m}', String(((i * 7) % 13) + 1));
      rows.push({ id: `${task}-${i}`, query, task, scores: SCORES[task] });
    }
  }
  return rows;
}

/** RouterBench wide CSV: sample_id, prompt, eval_name, one score column and one `|total_cost` column per model. */
export function routerbenchCsv(rows = fixtureRows()): string {
  const models = ['echo-small', 'echo-large'];
  const cost: Record<string, number> = { 'echo-small': 0.0001, 'echo-large': 0.002 };
  const header = ['sample_id', 'prompt', 'eval_name', ...models, ...models.map((m) => `${m}|total_cost`)];
  const lines = rows.map((r) =>
    [r.id, JSON.stringify(r.query), r.task, ...models.map((m) => r.scores[m]), ...models.map((m) => cost[m])].join(','),
  );
  return [header.join(','), ...lines].join('\n') + '\n';
}
