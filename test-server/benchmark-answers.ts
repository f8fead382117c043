// Builds a benchmark fixture (benchmark-fixture.ts) for a set of benchmark items and models: for each pair a
// seeded choice of right or wrong, and an answer written the way models write them (several styles per task kind,
// awkward ones included: "Answer: b", "**C**", thousands commas, \dfrac for \frac, an ambiguous "(A) or (B)",
// a function body only, an infinite loop), with the score a correct scorer must give it. Code answers are right only
// where a hand-written solution is known (CODE_SOLUTIONS); faults can be put on chosen pairs.
import { mulberry32 } from '../src/core/data/random.ts';
import type { BenchmarkItem } from '../src/core/pipeline/benchmark-item.ts';
import { humanEvalEntryPoint, mbppEntryPoint } from '../src/core/pipeline/code/program.ts';
import { concepts } from '../src/core/pipeline/scorers/commongen.ts';
import { referenceNumber } from '../src/core/pipeline/scorers/gsm8k.ts';
import { referenceMathAnswer } from '../src/core/pipeline/scorers/math.ts';
import { referenceAliases } from '../src/core/pipeline/scorers/squad.ts';
import type { BenchmarkFixtureFile, FixtureEntry } from './benchmark-fixture.ts';
import { CODE_SOLUTIONS } from './code-solutions.ts';

export interface FixtureModel {
  /** The provider's name for it (what the server sees). */
  api_model: string;
  /** Share of right answers. */
  skill: number;
}

export interface FixtureFault {
  id: string;
  api_model: string;
  fault: string;
  times?: number;
  /** The pair fails for good (its entry then has no score). */
  permanent?: boolean;
}

type Pick = <T>(list: readonly T[]) => T;

function mcAnswer(item: BenchmarkItem, right: boolean, pick: Pick): { answer: string; score: number } {
  const labels = (item.options ?? []).map((o) => o.label);
  const truth = item.ground_truth.trim().toUpperCase();
  const wrong = labels.find((l) => l !== truth) ?? 'A';
  const letter = right ? truth : wrong;
  const text = item.options?.find((o) => o.label === letter)?.text ?? '';
  if (!right && pick([false, false, true]))
    return { answer: `It is either (${truth}) or (${wrong}), I cannot decide. The answer is (${wrong}) or (${truth}).`, score: 0 };
  const styles = [
    `Let's look at each option in turn.\nOption ${wrong} does not fit the question.\nThe answer is (${letter}).`,
    `**${letter}**`,
    `Answer: ${letter.toLowerCase()}`,
    `${letter}) ${text}`,
    `The correct answer is ${letter}.`,
  ];
  return { answer: pick(styles), score: right ? 1 : 0 };
}

function withCommas(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 6 });
}

function gsm8kAnswer(item: BenchmarkItem, right: boolean, pick: Pick): { answer: string; score: number } {
  const truth = referenceNumber(item.ground_truth) ?? 0;
  const n = right ? truth : truth + pick([1, 10, -2]);
  const styles = [
    `Let's work it out step by step.\nFirst we find the parts, then we add them.\nSo the total is ${n}.\n#### ${withCommas(n)}`,
    `Working through the problem, we get $${withCommas(n)}.\n\nThe answer is ${withCommas(n)}.`,
    `The final answer is \\boxed{${n}}`,
  ];
  return { answer: pick(styles), score: right ? 1 : 0 };
}

function mathAnswer(item: BenchmarkItem, right: boolean, pick: Pick): { answer: string; score: number } {
  const truth = referenceMathAnswer(item.ground_truth);
  const given = right ? pick([truth, truth.replace(/\\frac/g, '\\dfrac'), ` ${truth} `]) : `${truth}+1`;
  const styles = [
    `We simplify step by step and find the result.\n\nTherefore, the answer is $\\boxed{${given}}$.`,
    `The final answer is \\boxed{${given}}.`,
  ];
  return { answer: pick(styles), score: right ? 1 : 0 };
}

function shortAnswer(item: BenchmarkItem, right: boolean, pick: Pick): { answer: string; score: number } {
  const truth = referenceAliases(item.ground_truth)[0]!;
  if (!right) return { answer: pick(['No idea, sorry.', 'Unknown.']), score: 0 };
  return { answer: pick([truth, `The answer is ${truth}.`, `${truth}.`]), score: 1 };
}

function commongenAnswer(item: BenchmarkItem, right: boolean): { answer: string; score: number } {
  const words = concepts(item.ground_truth);
  const used = right ? words : words.slice(0, Math.floor(words.length / 2));
  return { answer: `In this scene: ${used.join(', ')}.`, score: used.length / words.length };
}

function codeAnswer(item: BenchmarkItem, right: boolean, pick: Pick): { answer: string; score: number } {
  const key = item.task_id ?? item.id;
  const solution = CODE_SOLUTIONS[key];
  if (right && solution)
    return {
      answer: pick([`Here is the solution:\n\n\`\`\`python\n${solution}\n\`\`\`\n`, `\`\`\`python\n${solution}\n\`\`\``]),
      score: 1,
    };
  const entry = (item.tests ? mbppEntryPoint(item.tests) : humanEvalEntryPoint(item.query)) ?? 'solution';
  return { answer: `\`\`\`python\ndef ${entry}(*args):\n    return None\n\`\`\``, score: 0 };
}

function answerFor(item: BenchmarkItem, right: boolean, pick: Pick): { answer: string; score: number } {
  switch (item.metric.toLowerCase()) {
    case 'em_mc':
      return mcAnswer(item, right, pick);
    case 'gsm8k':
      return gsm8kAnswer(item, right, pick);
    case 'math':
      return mathAnswer(item, right, pick);
    case 'code_eval':
      return codeAnswer(item, right, pick);
    case 'commongen_coverage':
      return commongenAnswer(item, right);
    default:
      return shortAnswer(item, right, pick);
  }
}

/** The fixture for these items and models (seeded), with the faults put on their pairs. */
export function buildBenchmarkFixture(
  items: readonly BenchmarkItem[],
  models: readonly FixtureModel[],
  faults: readonly FixtureFault[] = [],
  seed = 7,
): BenchmarkFixtureFile {
  const random = mulberry32(seed);
  const pick: Pick = (list) => list[Math.floor(random() * list.length)]!;
  const entries: FixtureEntry[] = [];
  for (const item of items) {
    for (const model of models) {
      const { answer, score } = answerFor(item, random() < model.skill, pick);
      const fault = faults.find((f) => f.id === item.id && f.api_model === model.api_model);
      entries.push({
        model: model.api_model,
        match: item.query.trim(),
        answer,
        ...(fault?.permanent ? {} : { score }),
        ...(fault ? { fault: fault.fault, ...(fault.times !== undefined ? { times: fault.times } : {}) } : {}),
      });
    }
  }
  return { entries };
}
