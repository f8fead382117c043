// What counts as an outcome, and the reward in [0,1] each one gives the model that answered (README, "Signals").
// One table for every learner: the feedback layer's retraining, the online routers' per-event updates, and the
// simulation (whose reward is the dataset's score, a pipeline score). A signal with no reward says nothing.

/** One thing that happened to an answer. */
export type Signal =
  /** A 1 (bad) to 5 (excellent) rating. */
  | { kind: 'rating'; value: number }
  | { kind: 'thumbs'; value: 'up' | 'down' }
  /** The user asked another model for this answer: a loss for this one. */
  | { kind: 'regenerated-away' }
  /** The model the user regenerated with, before any rating of its own: preferred to the first. */
  | { kind: 'regenerated-to' }
  /** The user edited the message and sent it again: a weak loss (the question may have been the problem). */
  | { kind: 'edited-resent' }
  /** The model failed (an error, or the call fell back to another model). */
  | { kind: 'failed' }
  /** A scorer's score in [0,1] (the data pipeline, a benchmark's metric). */
  | { kind: 'pipeline'; score: number };

/** The reward of each signal (ratings: (value - 1) / 4). */
export const REWARDS = {
  thumbsUp: 1,
  thumbsDown: 0,
  regeneratedAway: 0,
  regeneratedTo: 0.75,
  editedResent: 0.25,
  failed: 0,
} as const;

export function rewardOf(signal: Signal): number {
  switch (signal.kind) {
    case 'rating':
      return (clamp(signal.value, 1, 5) - 1) / 4;
    case 'thumbs':
      return signal.value === 'up' ? REWARDS.thumbsUp : REWARDS.thumbsDown;
    case 'regenerated-away':
      return REWARDS.regeneratedAway;
    case 'regenerated-to':
      return REWARDS.regeneratedTo;
    case 'edited-resent':
      return REWARDS.editedResent;
    case 'failed':
      return REWARDS.failed;
    case 'pipeline':
      return clamp(signal.score, 0, 1);
  }
}

/**
 * The reward of an answer from everything said about it: the most explicit signal wins (a rating, then thumbs,
 * then the implicit ones in the order given); undefined when nothing was said.
 */
export function rewardOfAll(signals: readonly Signal[]): number | undefined {
  const order: Signal['kind'][] = ['pipeline', 'rating', 'thumbs', 'failed', 'regenerated-away', 'edited-resent', 'regenerated-to'];
  const first = order.map((kind) => signals.find((s) => s.kind === kind)).find((s) => s !== undefined);
  return first ? rewardOf(first) : undefined;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
