// An outcome log as a dataset: the gateway's JSONL (and any log of the learning log's records), read by
// learn/call-log.ts: `routed-call` records say what was asked and which model answered, `feedback` records
// (POST /v1/feedback) say how good the answer was, and `attempt` records are skipped. Calls with feedback
// become native samples the way the app's learning loop makes them (learn/to-samples.ts); the rest teach
// nothing yet, and a log with no feedback at all is refused saying so.
import { DataError } from '../data-error.ts';
import type { RoutingSample } from '../sample.ts';
import { logToSamples } from '../../learn/to-samples.ts';
import { CALL_LOG_TYPES, readCallLog } from '../../learn/call-log.ts';

/** The record types an outcome log holds, for format detection. */
export const OUTCOME_LOG_TYPES = CALL_LOG_TYPES;

export function importOutcomeLog(text: string, file: string): RoutingSample[] {
  const calls = readCallLog(text, file);
  const { samples } = logToSamples(calls);
  if (samples.length === 0)
    throw new DataError({ file }, `none of its ${calls.length} routed calls has feedback yet (rate answers with POST /v1/feedback)`);
  return samples;
}
