// The provider layer as the `Complete` that automix and llm-router call: one model through a
// RoutedCaller (retries, circuit breaker, spending guard, outcome log), its answer and what it cost.
import type { RoutedCaller } from '../providers/routed-call.ts';
import type { Complete } from './complete.ts';

export function completeVia(caller: Pick<RoutedCaller, 'call'>): Complete {
  return async (model, messages, options = {}) => {
    const r = await caller.call({
      ranking: [{ model }],
      messages,
      maxTokens: options.maxTokens,
      temperature: options.temperature,
      tools: options.tools,
      signal: options.signal,
    });
    if (!r.complete) throw new Error(`${model}: ${r.error?.message ?? 'the call gave no complete answer'}`);
    return { text: r.text, cost: r.cost, ...(r.toolCalls ? { toolCalls: r.toolCalls } : {}) };
  };
}
