// One benchmark question ready to ask: what the pipeline reads from LLMRouter's query files
// (`task_name, query, ground_truth, metric, choices, task_id`, choices as Python reprs) or from the native dataset,
// with its options and tests parsed out.
import { z } from 'zod';
import { answerText } from '../data/query-info.ts';
import { DataError, validate } from '../data/data-error.ts';
import { readJsonLines } from '../data/json-records.ts';
import { sampleSchema } from '../data/sample.ts';
import { lettered, type McOption } from './scorers/em-mc.ts';
import { parsePythonLiteral, type PyValue } from './python-literal.ts';

export interface BenchmarkItem {
  /** Stable across runs of the same file: `<task>-<line>` for LLMRouter files, the sample id for native ones. */
  id: string;
  task: string;
  query: string;
  ground_truth: string;
  metric: string;
  /** Multiple choice: the options, labelled. */
  options?: McOption[];
  /** MBPP: the assert lines the code must pass. */
  tests?: string[];
  task_id?: string;
}

const llmrouterRow = z.object({
  task_name: z.string().min(1),
  query: z.string().min(1),
  ground_truth: answerText,
  metric: z.string().min(1),
  choices: z.unknown().optional(),
  task_id: z.unknown().optional(),
});

function strings(value: PyValue | undefined): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;
}

/** Options from a list of texts, or a `{label, text}` / `{labels, text}` dict of lists. */
export function optionsOf(choices: unknown): McOption[] | undefined {
  if (choices === undefined || choices === null) return undefined;
  const value = (typeof choices === 'string' ? parsePythonLiteral(choices) : choices) as PyValue;
  const list = strings(value);
  if (list) return lettered(list);
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const texts = strings(value['text']);
    const labels = strings(value['label'] ?? value['labels']);
    if (texts && labels && texts.length === labels.length) return texts.map((text, i) => ({ label: labels[i]!, text }));
  }
  throw new Error('choices must be a list of option texts or a {label, text} dict of lists');
}

function testsOf(value: unknown): string[] | undefined {
  const parsed = typeof value === 'string' && value.trim().startsWith('[') ? parsePythonLiteral(value) : value;
  return strings(parsed as PyValue);
}

/** Parses LLMRouter's query JSONL: each line validated; a bad one throws a DataError naming line and field. */
export function readLlmrouterQueries(text: string, file: string): BenchmarkItem[] {
  return readJsonLines(text, file).map(({ line, value }) => {
    const row = validate(llmrouterRow, value, { file, line });
    if (row.ground_truth === undefined)
      throw new DataError({ file, line, field: 'ground_truth' }, 'missing: the pipeline scores against it');
    const item: BenchmarkItem = {
      id: `${row.task_name}-${line}`,
      task: row.task_name,
      query: row.query,
      ground_truth: row.ground_truth,
      metric: row.metric,
    };
    if (row.task_id !== undefined && row.task_id !== null) item.task_id = String(row.task_id);
    try {
      if (row.metric === 'em_mc') item.options = optionsOf(row.choices);
      if (row.metric === 'code_eval' && !String(row.task_id ?? '').startsWith('HumanEval'))
        item.tests = testsOf(row.choices) ?? testsOf(row.ground_truth);
    } catch (e) {
      throw new DataError({ file, line, field: 'choices' }, (e as Error).message);
    }
    return item;
  });
}

const nativeItem = sampleSchema.extend({
  task: z.string().min(1),
  ground_truth: z.string(),
  metric: z.string().min(1),
  choices: z.unknown().optional(),
  outcomes: sampleSchema.shape.outcomes.optional(),
});

/** Parses the native dataset (outcomes, if any, ignored): each sample needs task, ground_truth and metric. */
export function readNativeQueries(text: string, file: string): BenchmarkItem[] {
  return readJsonLines(text, file).map(({ line, value }) => {
    const row = validate(nativeItem, value, { file, line });
    const item: BenchmarkItem = { id: row.id, task: row.task, query: row.query, ground_truth: row.ground_truth, metric: row.metric };
    try {
      if (row.metric === 'em_mc' && row.choices !== undefined) item.options = optionsOf(row.choices);
      if (row.metric === 'code_eval' && !row.ground_truth.includes('def check(')) item.tests = testsOf(row.ground_truth);
    } catch (e) {
      throw new DataError({ file, line, field: 'choices' }, (e as Error).message);
    }
    return item;
  });
}

/** Either format, told by the first record's fields (`task_name` is LLMRouter's). */
export function readBenchmarkQueries(text: string, file: string): BenchmarkItem[] {
  const first = text.split('\n').find((l) => l.trim() !== '');
  if (first === undefined) throw new DataError({ file }, 'no queries in the file');
  return /"task_name"\s*:/.test(first) ? readLlmrouterQueries(text, file) : readNativeQueries(text, file);
}
