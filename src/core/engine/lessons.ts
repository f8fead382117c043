// What an answer teaches, wherever it was given: a router that learns online gets rewards for the models it sent
// the query to (core/learn/reward.ts: a first model that failed earns 0, the answer earns what its feedback says,
// a revised rating revises the reward), and the profile that routed it gets a preference (core/modes/personal.ts):
// a rating of the model that answered, or a win for the model the user regenerated with over the one that answered.
import { feedbackScore, feedbackSignals, type Feedback, type OutcomeRecord } from '../learn/outcome.ts';
import { rewardOf, rewardOfAll } from '../learn/reward.ts';
import type { Preference } from '../modes/personal.ts';
import type { RouteQuery } from '../routers/router.ts';

/** One outcome for an online router; `previous`: the reward it already learned for this answer. */
export interface Lesson {
  query: RouteQuery;
  model: string;
  reward: number;
  previous?: number;
}

/** The query as the router read it, when the record kept its vector (online routers read embeddings). */
function queryOf(record: OutcomeRecord): RouteQuery | undefined {
  if (!record.embedding) return undefined;
  return { text: record.query, embedding: Float32Array.from(record.embedding), ...(record.context ? { context: record.context } : {}) };
}

/** What is known when the answer is logged: its first model failed; it answers a regeneration the user asked for. */
export function lessonsOfLogged(record: OutcomeRecord): Lesson[] {
  const query = queryOf(record);
  if (!query || record.mode) return [];
  const lessons: Lesson[] = [];
  const first = record.path[0];
  if (first && first.kind !== 'ok') lessons.push({ query, model: first.model, reward: rewardOf({ kind: 'failed' }) });
  const reward = feedbackScore(record.feedback);
  if (!record.error && record.answeredBy && reward !== undefined) lessons.push({ query, model: record.answeredBy, reward });
  return lessons;
}

/** What new feedback on a logged answer teaches: the answer's reward, revised from what earlier feedback said. */
export function lessonOfFeedback(record: OutcomeRecord, feedback: Feedback): Lesson | undefined {
  const query = queryOf(record);
  const reward = feedbackScore({ ...record.feedback, ...feedback });
  const previous = feedbackScore(record.feedback);
  if (!query || record.mode || !record.answeredBy || reward === undefined || reward === previous) return undefined;
  return { query, model: record.answeredBy, reward, ...(previous !== undefined ? { previous } : {}) };
}

/** What the profile learned the answer with: the query's projected features, the router's estimates before the shift. */
export interface ProfileBasis {
  features: readonly number[];
  globalQuality: Readonly<Record<string, number>>;
}

/** A rating (1-5) or thumbs on `model`'s answer as the profile's preference, in [0,1]. */
export function ratingPreference(basis: ProfileBasis, model: string, feedback: Feedback): Preference | undefined {
  const rating = rewardOfAll(feedbackSignals(feedback).filter((signal) => signal.kind === 'rating' || signal.kind === 'thumbs'));
  if (rating === undefined) return undefined;
  return { kind: 'rating', model, features: basis.features, global: basis.globalQuality[model] ?? 0.5, rating };
}

/** Asking `winner` to answer again instead of `loser`: the profile prefers it there. */
export function regeneratePreference(basis: ProfileBasis, winner: string, loser: string): Preference {
  const global = (model: string) => basis.globalQuality[model] ?? 0.5;
  return { kind: 'pairwise', winner, loser, features: basis.features, globalWinner: global(winner), globalLoser: global(loser) };
}
