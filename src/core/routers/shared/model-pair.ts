// The small/large pair of two-model routers (hybrid-llm, automix): named in the options, or by default
// the cheapest model and the best one on the training data.
import type { TrainingData } from '../router.ts';
import { scoreMatrix } from './outcomes.ts';

export function modelPair(data: TrainingData, router: string, small?: string, large?: string): [string, string] {
  const sm = scoreMatrix(data);
  const pick = (name: string | undefined, better: (j: number, k: number) => boolean) => {
    if (name !== undefined) {
      if (!data.models.includes(name))
        throw new Error(`${router}: model "${name}" is not in the training data (${data.models.join(', ')})`);
      return name;
    }
    return data.models[data.models.reduce((best, _, j) => (better(j, best) ? j : best), 0)]!;
  };
  const pair: [string, string] = [
    pick(small, (j, k) => sm.meanCost[j]! < sm.meanCost[k]!),
    pick(large, (j, k) => sm.meanScore[j]! > sm.meanScore[k]!),
  ];
  if (pair[0] === pair[1]) throw new Error(`${router}: the small and large model are the same; name them with options small and large`);
  return pair;
}
