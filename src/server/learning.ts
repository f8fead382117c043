// What the gateway learns from its traffic: each client's profile (OpenAI's `user` field names it; a user vector,
// core/modes/personal.ts) and the online routers it serves (LinUCB, Thompson sampling, epsilon-greedy), both taught
// by ratings sent to /v1/feedback and by failed first attempts (core/engine/lessons.ts). Both are kept in this
// instance's memory: profiles and online state start fresh on a restart, and an instance learns only from the
// feedback on calls it answered itself, among its last RECENT_CALLS routed ones.
import type { Answered, EngineProfile } from '../core/engine/types.ts';
import { lessonOfFeedback, lessonsOfLogged, ratingPreference, type Lesson } from '../core/engine/lessons.ts';
import { loggedRecord } from '../core/engine/record.ts';
import { isOnlineRouter } from '../core/learn/online-router.ts';
import type { Feedback, OutcomeRecord } from '../core/learn/outcome.ts';
import { emptyUserVector, learn, type UserVector } from '../core/modes/personal.ts';
import type { Router } from '../core/routers/router.ts';
import { RecentMap } from './recent-map.ts';

/** Answered calls kept for their feedback, newest last. */
export const RECENT_CALLS = 5_000;

interface RecentCall {
  record: OutcomeRecord;
  router?: Router;
  profile?: { id: string; features: number[]; globalQuality: Record<string, number> };
}

export class GatewayLearning {
  private readonly profiles = new Map<string, UserVector>();
  private readonly recent = new RecentMap<string, RecentCall>(RECENT_CALLS);

  /** The profile a client's `user` names (empty until its first rating). */
  profile(user: string): EngineProfile {
    return { id: user, name: user, vector: this.profiles.get(user) ?? emptyUserVector() };
  }

  /** Keeps an answered call for its feedback, and teaches an online router what the call already tells. */
  async answered(answered: Answered, router: Router | undefined): Promise<void> {
    const { record, routing } = answered;
    const profile = routing.routed?.profile;
    // A call with neither router nor profile (a named model) teaches nothing, and neither can its rating: not kept.
    if (!router && !profile) return;
    const globalQuality = Object.fromEntries((routing.routed?.global ?? []).map((e) => [e.model, e.quality]));
    const basis = profile ? { profile: { id: profile.id, features: profile.features, globalQuality } } : {};
    // Only an online router learns from the query's vector: for the others the record is kept without it (~4 KB).
    const kept = router && isOnlineRouter(router) ? record : loggedRecord(record);
    this.recent.set(record.callId, { record: kept, ...(router ? { router } : {}), ...basis });
    for (const lesson of lessonsOfLogged(record)) await teach(router, lesson);
  }

  /** Feedback on a call this instance answered: the profile's preference and the online router's reward. */
  async feedback(callId: string, feedback: Feedback): Promise<void> {
    const call = this.recent.get(callId);
    const answeredBy = call?.record.answeredBy;
    if (!call || !answeredBy) return;
    const lesson = lessonOfFeedback(call.record, feedback);
    call.record = { ...call.record, feedback: { ...call.record.feedback, ...feedback } };
    if (lesson) await teach(call.router, lesson);
    const preference = call.profile && ratingPreference(call.profile, answeredBy, feedback);
    if (preference) this.profiles.set(call.profile!.id, learn(this.profiles.get(call.profile!.id) ?? emptyUserVector(), preference));
  }
}

async function teach(router: Router | undefined, lesson: Lesson): Promise<void> {
  if (router && isOnlineRouter(router)) await router.update(lesson.query, lesson.model, lesson.reward, lesson.previous);
}
