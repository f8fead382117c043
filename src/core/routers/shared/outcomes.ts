// Views of the training outcomes that several routers learn from: the score matrix with its
// "was run" mask, best-model labels (ties to the cheaper model), and pairwise wins.
import type { TrainingData } from '../router.ts';
import { own } from '../../data/named-record.ts';

export interface ScoreMatrix {
  n: number;
  m: number;
  /** Row-major n x m scores; 0 where not run. */
  scores: Float32Array;
  /** 1 where the model was run on the sample. */
  ran: Uint8Array;
  /** Mean recorded cost per model (the tie-break and label cost term). */
  meanCost: Float64Array;
  /** Mean score per model over the samples that ran it. */
  meanScore: Float64Array;
}

export function scoreMatrix(data: TrainingData): ScoreMatrix {
  const n = data.samples.length;
  const m = data.models.length;
  const scores = new Float32Array(n * m);
  const ran = new Uint8Array(n * m);
  const meanCost = new Float64Array(m);
  const meanScore = new Float64Array(m);
  const count = new Float64Array(m);
  data.samples.forEach((s, i) => {
    data.models.forEach((model, j) => {
      const o = own(s.outcomes, model);
      if (!o) return;
      scores[i * m + j] = o.score;
      ran[i * m + j] = 1;
      meanCost[j] += o.cost;
      meanScore[j] += o.score;
      count[j]++;
    });
  });
  for (let j = 0; j < m; j++) {
    meanCost[j] = count[j] ? meanCost[j]! / count[j]! : 0;
    meanScore[j] = count[j] ? meanScore[j]! / count[j]! : 0;
  }
  return { n, m, scores, ran, meanCost, meanScore };
}

/**
 * The label of each sample: the model with the best score minus `costWeight` x its cost (costs scaled
 * by the dearest model's mean cost), ties to the cheaper model. LLMRouter takes the first model in the
 * file on ties and ignores the cost weight; here both change the label.
 */
export function bestModelLabels(sm: ScoreMatrix, costWeight = 0): Int32Array {
  const labels = new Int32Array(sm.n);
  const scale = Math.max(...sm.meanCost) || 1;
  for (let i = 0; i < sm.n; i++) {
    let best = -1;
    let bestU = -Infinity;
    for (let j = 0; j < sm.m; j++) {
      if (!sm.ran[i * sm.m + j]) continue;
      const u = sm.scores[i * sm.m + j]! - (costWeight * sm.meanCost[j]!) / scale;
      if (u > bestU + 1e-9 || (Math.abs(u - bestU) <= 1e-9 && sm.meanCost[j]! < sm.meanCost[best]!)) (best = j), (bestU = u);
    }
    labels[i] = best;
  }
  return labels;
}

/** One pairwise outcome: on sample `sample`, model `winner` scored higher than `loser` (weight 1), or half of a tie (weight 0.5). */
export interface Battle {
  sample: number;
  winner: number;
  loser: number;
  weight: number;
}

/**
 * Every pair of run models with different scores on a sample, as a battle; with `ties`, every pair with
 * equal scores as half a win each way (RouteLLM's compute_elo_mle_with_tie: one tie = one win for each
 * side where a decided battle counts twice).
 */
export function battles(sm: Pick<ScoreMatrix, 'n' | 'm' | 'scores' | 'ran'>, options: { ties?: boolean } = {}): Battle[] {
  const out: Battle[] = [];
  for (let i = 0; i < sm.n; i++) {
    for (let a = 0; a < sm.m; a++) {
      if (!sm.ran[i * sm.m + a]) continue;
      for (let b = a + 1; b < sm.m; b++) {
        if (!sm.ran[i * sm.m + b]) continue;
        const d = sm.scores[i * sm.m + a]! - sm.scores[i * sm.m + b]!;
        if (d > 1e-9) out.push({ sample: i, winner: a, loser: b, weight: 1 });
        else if (d < -1e-9) out.push({ sample: i, winner: b, loser: a, weight: 1 });
        else if (options.ties) out.push({ sample: i, winner: a, loser: b, weight: 0.5 }, { sample: i, winner: b, loser: a, weight: 0.5 });
      }
    }
  }
  return out;
}
