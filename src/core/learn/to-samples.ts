// Turns the learning log into native routing samples: every answer the user gave feedback on becomes an
// outcome of the model that answered, and answers to the same query (regenerated with another model)
// become one sample with several models, which is what teaches a router to prefer one over another.
import type { RoutingSample } from '../data/sample.ts';
import { feedbackScore, type OutcomeRecord } from './outcome.ts';

export interface LoggedSamples {
  samples: RoutingSample[];
  /** The query embedding of each sample, where the log has one (aligned with `samples`). */
  embeddings: (Float32Array | undefined)[];
}

export function logToSamples(records: readonly OutcomeRecord[]): LoggedSamples {
  const byQuery = new Map<string, { sample: RoutingSample; embedding?: Float32Array }>();
  for (const r of [...records].sort((a, b) => a.at - b.at)) {
    const score = feedbackScore(r.feedback);
    // A multi-call mode's answer is not one model's outcome on the query.
    if (score === undefined || !r.answeredBy || r.error || r.mode) continue;
    const key = queryKey(r);
    let entry = byQuery.get(key);
    if (!entry) {
      entry = { sample: { id: `log-${r.id}`, query: r.query, task: 'chat', outcomes: {} } };
      if (r.embedding) entry.embedding = Float32Array.from(r.embedding);
      byQuery.set(key, entry);
    }
    entry.sample.outcomes[r.answeredBy] = {
      score,
      cost: r.answerCost,
      input_tokens: r.input_tokens,
      output_tokens: r.output_tokens,
      latency_ms: r.latency_ms,
    };
  }
  const entries = [...byQuery.values()];
  return { samples: entries.map((e) => e.sample), embeddings: entries.map((e) => e.embedding) };
}

/** The same question asked in the same place of a conversation. */
function queryKey(r: OutcomeRecord): string {
  return `${r.context?.at(-1) ?? ''}\u0000${r.query.trim().toLowerCase()}`;
}

/**
 * The log's samples counted `weight` times each (copies with distinct ids), so the user's own outcomes can
 * outweigh the benchmark data a router starts from: they are few, but they are what this user wants.
 */
export function weighted(logged: LoggedSamples, weight: number): LoggedSamples {
  const copies = Math.max(1, Math.round(weight));
  const samples: RoutingSample[] = [];
  const embeddings: (Float32Array | undefined)[] = [];
  logged.samples.forEach((s, i) => {
    for (let c = 0; c < copies; c++) {
      samples.push(c === 0 ? s : { ...s, id: `${s.id}#${c + 1}` });
      embeddings.push(logged.embeddings[i]);
    }
  });
  return { samples, embeddings };
}
