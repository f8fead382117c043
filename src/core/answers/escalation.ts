// Which cheap answers a cascade escalates first: those whose doubt buys the most per dollar of the premium call.
// The verifier gives the chance p that the cheap answer is right; the premium call's cost is estimated before it
// is made, log-linearly from what is known once the cheap answer is in (the cheap call's cost, the answer's and the
// query's lengths), fitted by least squares on past calls. The keep score exp(-(1 - p) * meanCost / estimate) lies
// in (0, 1], ranks answers by doubt per dollar (a knapsack's greedy order) and equals exp(p - 1) at the mean cost.
import { solve } from '../routers/shared/linear-solve.ts';

/** A past cascade call: the query, the cheap answer, and what each call cost. */
export interface CostExample {
  query: string;
  answer: string;
  cheapCost: number;
  premiumCost: number;
}

/** log(premium cost) = weights . [1, log cheap cost, log answer chars, log query chars]; meanCost is the premium calls' mean. */
export interface PremiumCostModel {
  weights: number[];
  meanCost: number;
}

const RIDGE = 1e-6;
const logCost = (usd: number) => Math.log(Math.max(usd, 1e-12));
const inputs = (query: string, answer: string, cheapCost: number) => [
  1,
  logCost(cheapCost),
  Math.log1p(answer.length),
  Math.log1p(query.length),
];

export function fitPremiumCost(examples: readonly CostExample[]): PremiumCostModel {
  if (examples.length === 0) throw new Error('no past calls to estimate the premium cost from');
  const rows = examples.map((e) => inputs(e.query, e.answer, e.cheapCost));
  const k = rows[0]!.length;
  const xtx = Array.from({ length: k }, (_, a) =>
    Array.from({ length: k }, (_, b) => rows.reduce((s, r) => s + r[a]! * r[b]!, a === b ? RIDGE : 0)),
  );
  const xty = Array.from({ length: k }, (_, a) => rows.reduce((s, r, i) => s + r[a]! * logCost(examples[i]!.premiumCost), 0));
  return { weights: solve(xtx, xty), meanCost: examples.reduce((s, e) => s + e.premiumCost, 0) / examples.length };
}

export function estimatePremiumCost(m: PremiumCostModel, query: string, answer: string, cheapCost: number): number {
  return Math.exp(inputs(query, answer, cheapCost).reduce((s, v, j) => s + v * m.weights[j]!, 0));
}

/** The keep score of a cheap answer the verifier gives `right` (its chance of being right), its premium call estimated at `premiumCost`. */
export function keepScore(right: number, premiumCost: number, meanCost: number): number {
  return Math.exp((-(1 - right) * meanCost) / Math.max(premiumCost, 1e-12));
}
