// The training data of the shipped default router (irt), from every routing dataset in the shared folder together:
// LLMRouter's dcrouter training split (without the two exact-match open-question tasks, natural_qa and trivia_qa,
// where every model scores about 0.2: a measure of answer format, not of knowledge), the training 80% of RouteLLM's
// MMLU and GSM8K (the same seeded split the benchmarks test on, so their test 20% stays unseen), MT-Bench's first
// turns with GPT-4's 1-10 judgements mapped to [0,1], and the trivial-turn class (models/irt/trivial-turns.json:
// turns every model answers well, scored 1 for every training model, each counted TRIVIAL_WEIGHT times; see
// models/irt/README.md).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { benchDatasets, sharedDataDir } from '../bench/bench-data.ts';
import { defaultCatalog, requireModel } from '../src/core/catalog/catalog.ts';
import { ASSUMED_OUTPUT_TOKENS, estimateTokens } from '../src/core/data/pricing.ts';
import { modelsOf, type Outcome, type RoutingSample } from '../src/core/data/sample.ts';
import { TRIVIAL_TASK } from '../src/core/routers/irt.ts';

/** Tasks left out of the shipped router (answer-format measures, see above). */
const FORMAT_TASKS = new Set(['natural_qa', 'trivia_qa']);

export const TRIVIAL_TURNS_FILE = 'models/irt/trivial-turns.json';
/**
 * How many times each trivial turn counts: 250 turns against about 17,000 benchmark items would barely move the
 * difficulty head, while such turns are a large share of real chat traffic. Five (7% of the samples) is the weight
 * at which the discrimination suite's three mixes all pass at the default setting (bench/discrimination.json).
 */
export const TRIVIAL_WEIGHT = 5;

/** The trivial-turn class as written: category -> turns. */
export function trivialTurns(): Record<string, string[]> {
  return (JSON.parse(readFileSync(TRIVIAL_TURNS_FILE, 'utf8')) as { turns: Record<string, string[]> }).turns;
}

/** USD of one call of a catalog model on `text`, with the assumed output length (sources without costs). */
function priced(model: string, text: string, score: number): Outcome {
  const m = requireModel(defaultCatalog, model);
  const cost = (m.input_price * estimateTokens(text) + m.output_price * ASSUMED_OUTPUT_TOKENS) / 1e6;
  return { score, cost, cost_estimated: true };
}

/** MT-Bench first turns: one sample per question, each model's GPT-4 judgement (1-10) as (score - 1) / 9. */
export function mtBenchSamples(): RoutingSample[] {
  const dir = resolve(sharedDataDir(), 'routellm');
  const lines = (f: string) =>
    readFileSync(resolve(dir, f), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l));
  const questions = new Map<number, { category: string; turns: string[] }>(
    lines('mt_bench_questions.jsonl').map((q) => [q.question_id, q]),
  );
  const samples = new Map<number, RoutingSample>();
  for (const j of lines('mt_bench_judgements.jsonl') as { question_id: number; model: string; score: number; turn: number }[]) {
    const q = questions.get(j.question_id);
    if (j.turn !== 1 || !q || !(j.score >= 1)) continue;
    const sample = samples.get(j.question_id) ?? {
      id: `mt-bench-${j.question_id}`,
      query: q.turns[0]!,
      task: `mt_bench_${q.category}`,
      outcomes: {},
    };
    sample.outcomes[j.model] = priced(j.model, sample.query, (Math.min(10, j.score) - 1) / 9);
    samples.set(j.question_id, sample);
  }
  return [...samples.values()];
}

/** The trivial turns as samples every one of `models` answered well, each TRIVIAL_WEIGHT times. */
export function trivialSamples(models: readonly string[]): RoutingSample[] {
  return Object.entries(trivialTurns()).flatMap(([category, turns]) =>
    turns.flatMap((query, i) =>
      Array.from({ length: TRIVIAL_WEIGHT }, (_, copy) => ({
        id: `trivial-${category}-${i}-${copy}`,
        query,
        task: TRIVIAL_TASK,
        outcomes: Object.fromEntries(models.map((m) => [m, priced(m, query, 1)])),
      })),
    ),
  );
}

/** Every training sample of the shipped default router. */
export async function defaultRouterSamples(): Promise<RoutingSample[]> {
  const [dc, mmlu, gsm8k] = await benchDatasets();
  const benchmark = [...dc!.train.filter((s) => !FORMAT_TASKS.has(s.task ?? '')), ...mmlu!.train, ...gsm8k!.train, ...mtBenchSamples()];
  return [...benchmark, ...trivialSamples(modelsOf(benchmark))];
}

// `tsx scripts/default-router-data.ts OUT.jsonl` writes the samples as native JSONL (scripts/build-default-router.sh).
if (process.argv[1]?.endsWith('default-router-data.ts') && process.argv[2]) {
  const { writeFileSync } = await import('node:fs');
  const samples = await defaultRouterSamples();
  writeFileSync(process.argv[2], samples.map((s) => JSON.stringify(s)).join('\n') + '\n');
  console.error(`wrote ${samples.length} samples to ${process.argv[2]}`);
}
