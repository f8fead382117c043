// `npx tsx bench/personal.ts`: how fast a profile's user vector (src/core/modes/personal.ts) learns a user's
// own preferences, on real routing data with simulated users. LLMRouter's dcrouter split and the project's
// encoder; the global router is knn trained on the train split. A simulated user judges answers by the data's
// scores, except on one task, where they dislike the model the global router prefers there (-0.6) and like
// the cheapest other model's answers (+0.6). They rate each routed answer with their own judgement, and when it is
// below 0.5 they regenerate with the model they like (a pairwise preference). Feedback comes from half of the
// task's test queries; the other half, and every other task's, measure the user's own mean quality of the picks
// (lambda 0) for the global router (0 feedback) and for the profile after 5 to 50 feedback.
// Writes bench/personal.json.
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { benchDatasets } from './bench-data.ts';
import { embedTexts, trainingData } from '../src/cli/routing-data.ts';
import { defaultCatalog } from '../src/core/catalog/catalog.ts';
import { decide } from '../src/core/routers/decide.ts';
import { createRouter } from '../src/core/routers/registry.ts';
import type { ModelEstimate } from '../src/core/routers/router.ts';
import { emptyUserVector, learn, personalise, userFeatures, type UserVector } from '../src/core/modes/personal.ts';

const SHIFT = 0.6;
const CHECKPOINTS = [0, 5, 10, 25, 50];

const [dc] = await benchDatasets();
const data = await trainingData(dc!.train, true, defaultCatalog);
const router = createRouter('knn', {});
await router.fit(data);
const test = dc!.test.filter((s) => s.task);
const vectors = await embedTexts(test.map((s) => s.query));
const estimates: ModelEstimate[][] = [];
for (const [i, s] of test.entries()) estimates.push((await router.predict({ text: s.query, embedding: vectors[i] })).estimates);
const pick = (e: readonly ModelEstimate[]) => decide(e, { lambda: 0 }).model;

// The user's task: the commonest one; their disliked model: the global favourite there; their liked one: the cheapest other.
const counts = new Map<string, number>();
for (const s of test) counts.set(s.task!, (counts.get(s.task!) ?? 0) + 1);
const task = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
const onTask = test.map((_, i) => i).filter((i) => test[i]!.task === task);
const favourites = new Map<string, number>();
for (const i of onTask) favourites.set(pick(estimates[i]!), (favourites.get(pick(estimates[i]!)) ?? 0) + 1);
const disliked = [...favourites].sort((a, b) => b[1] - a[1])[0]![0];
const liked = [...estimates[0]!].filter((e) => e.model !== disliked).sort((a, b) => a.cost - b.cost)[0]!.model;
const judge = (i: number, model: string) => {
  const base = test[i]!.outcomes[model]?.score ?? 0;
  const shift = test[i]!.task !== task ? 0 : model === liked ? SHIFT : model === disliked ? -SHIFT : 0;
  return Math.min(1, Math.max(0, base + shift));
};

// Feedback from even-numbered queries of the task; evaluation on the odd ones and on every other task's queries.
const feedbackQueries = onTask.filter((_, k) => k % 2 === 0);
const evalTask = onTask.filter((_, k) => k % 2 === 1);
const evalOther = test.map((_, i) => i).filter((i) => test[i]!.task !== task);
const meanQuality = (indices: number[], vector: UserVector) =>
  indices.reduce((sum, i) => sum + judge(i, pick(personalise(estimates[i]!, vector, userFeatures(vectors[i])))), 0) / indices.length;

let vector = emptyUserVector();
let given = 0;
const curve: { feedback: number; task_quality: number; other_tasks_quality: number }[] = [];
const record = () =>
  curve.push({ feedback: given, task_quality: meanQuality(evalTask, vector), other_tasks_quality: meanQuality(evalOther, vector) });
// Twice through the feedback queries (a user asks alike questions again).
for (const i of [...feedbackQueries, ...feedbackQueries]) {
  if (CHECKPOINTS.includes(given)) record();
  const features = userFeatures(vectors[i]);
  const global = Object.fromEntries(estimates[i]!.map((e) => [e.model, e.quality]));
  const answered = pick(personalise(estimates[i]!, vector, features));
  const rating = judge(i, answered);
  vector = learn(vector, { kind: 'rating', model: answered, features, global: global[answered]!, rating });
  if (rating < 0.5 && answered !== liked)
    vector = learn(vector, {
      kind: 'pairwise',
      winner: liked,
      loser: answered,
      features,
      globalWinner: global[liked]!,
      globalLoser: global[answered]!,
    });
  given++;
}
if (CHECKPOINTS.includes(given)) record();

const result = {
  machine: `${cpus()[0]?.model.trim()}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  dataset: 'dcrouter',
  router: 'knn',
  // The best the user could get on the task's evaluation queries (their own judgement, best model each time).
  task_oracle: evalTask.reduce((sum, i) => sum + Math.max(...estimates[i]!.map((e) => judge(i, e.model))), 0) / evalTask.length,
  user: {
    task,
    liked,
    disliked,
    shift: SHIFT,
    feedback_queries: feedbackQueries.length,
    eval_task_queries: evalTask.length,
    eval_other_queries: evalOther.length,
  },
  curve,
};
writeFileSync(new URL('./personal.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
