// Metric name -> scorer. Every scorer maps (answer, item) to a score in [0,1]; code_eval needs a Python runner and
// llm_judge a judge model, given in the context. Names are LLMRouter's (em_mc, f1_score, GSM8K, MATH, code_eval,
// commongen_coverage), matched case-insensitively, plus cem, f1 and llm_judge.
import type { Complete } from '../../routers/complete.ts';
import type { BenchmarkItem } from '../benchmark-item.ts';
import { humanEvalProgram, mbppProgram } from '../code/program.ts';
import type { PythonRunner } from '../code/runner.ts';
import { commongenCoverage } from './commongen.ts';
import { emMcScore } from './em-mc.ts';
import { gsm8kScore } from './gsm8k.ts';
import { llmJudgeScore } from './llm-judge.ts';
import { mathScore } from './math.ts';
import { containsExactMatch, f1, shortAnswerScore } from './squad.ts';

export interface ScoreContext {
  python?: PythonRunner;
  judge?: { complete: Complete; model: string };
}

export interface Score {
  score: number;
  /** What scoring itself cost (a judge's call), USD. */
  cost?: number;
  /** Why a code answer failed, in one line. */
  detail?: string;
}

export type Scorer = (answer: string, item: BenchmarkItem, context: ScoreContext) => Score | Promise<Score>;

const plain =
  (f: (answer: string, truth: string) => number): Scorer =>
  (answer, item) => ({ score: f(answer, item.ground_truth) });

async function codeEval(answer: string, item: BenchmarkItem, context: ScoreContext): Promise<Score> {
  if (!context.python) throw new Error('code_eval needs a Python runner');
  const program = item.tests ? mbppProgram(answer, item.tests) : humanEvalProgram(answer, item.query, item.ground_truth);
  const result = await context.python.run(program);
  return result.status === 'passed' ? { score: 1 } : { score: 0, detail: `${result.status}: ${result.message}` };
}

async function judged(answer: string, item: BenchmarkItem, context: ScoreContext): Promise<Score> {
  if (!context.judge) throw new Error('llm_judge needs a judge model');
  return llmJudgeScore(answer, item.query, item.ground_truth, context.judge.complete, context.judge.model);
}

const SCORERS: Record<string, Scorer> = {
  em_mc: (answer, item) => ({ score: emMcScore(answer, item.ground_truth, item.options ?? []) }),
  f1_score: plain(shortAnswerScore),
  f1: plain(f1),
  cem: plain(containsExactMatch),
  gsm8k: plain(gsm8kScore),
  math: plain(mathScore),
  code_eval: codeEval,
  commongen_coverage: plain(commongenCoverage),
  llm_judge: judged,
};

export const METRICS = Object.keys(SCORERS);

/** The scorer of a metric; an unknown metric throws, listing the known ones. */
export function scorerFor(metric: string): Scorer {
  const scorer = SCORERS[metric.toLowerCase()];
  if (!scorer) throw new Error(`unknown metric "${metric}" (known: ${METRICS.join(', ')})`);
  return scorer;
}
