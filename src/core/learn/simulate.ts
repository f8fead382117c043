// Replays a routing dataset as user traffic for an online router: queries in a seeded order, each routed under the
// policy (only among the models the dataset ran on it), only the chosen model's score (a pipeline score, the
// reward) and cost revealed, the router updated after each. Reports cumulative quality, cost and regret against
// the oracle and the best single model in hindsight as a curve, the figures over the final window, and, for a
// router warm-started from an offline one, that offline router's quality at the same cost on the same stream.
import type { RoutingSample } from '../data/sample.ts';
import { mulberry32, shuffled } from '../data/random.ts';
import { bestSingle, evaluate, oracle } from '../eval/evaluate.ts';
import { frontier, qualityAtCost } from '../eval/frontier.ts';
import type { Router } from '../routers/router.ts';
import type { OnlineRouter } from './online-router.ts';
import { rewardOf } from './reward.ts';
import { own } from '../data/named-record.ts';

/** One part of the stream (a dataset file), replayed after the parts before it. */
export interface StreamPart {
  samples: readonly RoutingSample[];
  embeddings: readonly Float32Array[];
}

export interface SimulationInput {
  router: OnlineRouter;
  parts: readonly StreamPart[];
  seed: number;
  lambda: number;
  /** Largest estimated USD cost per call (the budget rule). */
  budget?: number;
  /** Figures over this many final queries too. */
  window: number;
  /** How many points the curve has. */
  points?: number;
  /** The offline router the online one was warm-started from, to compare with at the same cost. */
  reference?: Router;
  /** Called after each query with the number replayed so far. */
  onProgress?: (done: number, total: number) => void;
}

export interface SimulationPoint {
  /** Queries so far. */
  t: number;
  /** Mean score of the chosen models so far. */
  quality: number;
  /** USD spent so far. */
  cost: number;
  /** Sum over the queries so far of (oracle score - chosen score). */
  regret_oracle: number;
  /** Sum over the queries so far of (best single model's score - chosen score). */
  regret_best_single: number;
  /** Share of calls so far that explored. */
  explored: number;
}

export interface Figures {
  n: number;
  quality: number;
  cost: number;
  best_single: { model: string; quality: number; cost: number };
  oracle: { quality: number; cost: number };
}

export interface SimulationReport {
  router: string;
  seed: number;
  lambda: number;
  models: string[];
  stream: Figures & { explored: number };
  final_window: Figures;
  /** The warm-start router alone on the same stream: its quality at the online router's cost (its hull). */
  reference?: { router: string; quality_at_same_cost: number | null; curve: { lambda: number; quality: number; cost: number }[] };
  curve: SimulationPoint[];
}

export async function simulate(input: SimulationInput): Promise<SimulationReport> {
  const random = mulberry32(input.seed);
  const stream = input.parts.flatMap((p) =>
    shuffled(
      p.samples.map((s, i) => ({ sample: s, embedding: p.embeddings[i]! })),
      random,
    ),
  );
  if (stream.length === 0) throw new Error('simulate: the stream is empty');
  const samples = stream.map((e) => e.sample);
  const models = input.router.toJSON().models.filter((m) => samples.some((s) => own(s.outcomes, m)));
  const best = bestSingle(samples, models);
  const every = Math.max(1, Math.floor(stream.length / (input.points ?? 100)));
  const chosen: { score: number; cost: number; explored: boolean }[] = [];
  const curve: SimulationPoint[] = [];
  let quality = 0,
    cost = 0,
    regretOracle = 0,
    regretBest = 0,
    explored = 0;
  for (const [t, { sample, embedding }] of stream.entries()) {
    const query = { text: sample.query, embedding };
    const allowed = models.filter((m) => own(sample.outcomes, m));
    const choice = await input.router.choose(query, {
      lambda: input.lambda,
      allowed,
      ...(input.budget !== undefined ? { budget: input.budget } : {}),
    });
    const outcome = own(sample.outcomes, choice.decision.model)!;
    await input.router.update(query, choice.decision.model, rewardOf({ kind: 'pipeline', score: outcome.score }));
    chosen.push({ score: outcome.score, cost: outcome.cost, explored: choice.explored });
    quality += outcome.score;
    cost += outcome.cost;
    explored += choice.explored ? 1 : 0;
    regretOracle += Math.max(...allowed.map((m) => own(sample.outcomes, m)!.score)) - outcome.score;
    regretBest += (own(sample.outcomes, best.model)?.score ?? 0) - outcome.score;
    if ((t + 1) % every === 0 || t === stream.length - 1) {
      curve.push({
        t: t + 1,
        quality: quality / (t + 1),
        cost,
        regret_oracle: regretOracle,
        regret_best_single: regretBest,
        explored: explored / (t + 1),
      });
    }
    input.onProgress?.(t + 1, stream.length);
  }
  const last = Math.min(input.window, stream.length);
  const report: SimulationReport = {
    router: input.router.name,
    seed: input.seed,
    lambda: input.lambda,
    models,
    stream: { ...figures(samples, chosen, models), explored: explored / stream.length },
    final_window: figures(samples.slice(-last), chosen.slice(-last), models),
    curve,
  };
  if (input.reference) report.reference = await compare(input.reference, stream, models, cost);
  return report;
}

function figures(
  samples: readonly RoutingSample[],
  chosen: readonly { score: number; cost: number }[],
  models: readonly string[],
): Figures {
  return {
    n: samples.length,
    quality: chosen.reduce((s, c) => s + c.score, 0) / chosen.length,
    cost: chosen.reduce((s, c) => s + c.cost, 0),
    best_single: bestSingle(samples, models),
    oracle: oracle(samples, models),
  };
}

/** The offline router's curve over lambda on the stream, and its quality (on the hull) at `cost`. */
async function compare(
  router: Router,
  stream: readonly { sample: RoutingSample; embedding: Float32Array }[],
  models: readonly string[],
  cost: number,
) {
  const { report } = await evaluate({
    router,
    test: stream.map((e) => e.sample),
    embeddings: stream.map((e) => e.embedding),
    nTrain: 0,
    models,
  });
  return { router: router.name, quality_at_same_cost: qualityAtCost(frontier(report.curve), cost), curve: report.curve };
}
