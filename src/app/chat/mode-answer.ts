// Answers a message in a multi-call mode (cascade, llm-router, decompose, agent): runs the core mode over the
// app's provider layer and its personalised routing, showing each step in the thread as it happens; the
// message's stop aborts the run between or during calls, and the steps so far stay in the thread. Every provider
// attempt the run made is logged with the message (also when it fails or is stopped), so its spend counts.
import { runMode } from '../../core/modes/run-mode.ts';
import { premiumOf, type ModeResult, type ModeStep } from '../../core/modes/mode.ts';
import { estimatedPremium } from '../../core/learn/premium.ts';
import type { AttemptOutcome } from '../../core/providers/outcome.ts';
import type { RoutedCaller } from '../../core/providers/routed-call.ts';
import { completeVia } from '../../core/routers/routed-complete.ts';
import { useCalls } from '../stores/calls.ts';
import { useLearning } from '../stores/learning.ts';
import { currentProfile } from '../stores/profiles.ts';
import { usableModels } from '../stores/usable-models.ts';
import type { ChatMessage, ModeRun } from '../stores/conversations.ts';
import type { ChosenContext } from './conversation-context.ts';
import { outcomeRecord } from './outcome-record.ts';
import { routeText } from './personal-route.ts';

type Patch = (p: Partial<ChatMessage>, persist?: boolean) => Promise<void>;

export async function answerWithMode(mode: ModeRun['mode'], text: string, context: ChosenContext, patch: Patch, signal: AbortSignal): Promise<void> {
  const first = await routeText(text, context.router);
  const steps: ModeStep[] = [];
  const attempts: AttemptOutcome[] = [];
  const caller = useCalls.getState().caller(first.catalog);
  const recording: Pick<RoutedCaller, 'call'> = {
    async call(request) {
      const result = await caller.call(request);
      attempts.push(...result.outcomes);
      return result;
    },
  };
  let result: ModeResult | undefined;
  let error: string | undefined;
  await patch({ status: 'streaming', modeRun: { mode, steps } });
  try {
    result = await runMode(
      mode,
      text,
      {
        models: usableModels(),
        complete: completeVia(recording),
        history: context.messages,
        route: async (q) => (q === text ? first : await routeText(q)).decision,
        concurrency: useCalls.getState().settings.concurrency,
        signal,
        onStep(step) {
          steps.push(step);
          void patch({ modeRun: { mode, steps: [...steps] } }, false);
        },
      },
      { cascade: { calibration: currentProfile().calibration, lambda: first.lambda } },
    );
  } catch (e) {
    error = (e as Error).message;
    throw e;
  } finally {
    const premium = premiumOf(first.decision);
    const premiumModel = first.catalog.find((m) => m.id === premium?.model);
    const sent = [...context.messages, { role: 'user' as const, content: text }];
    const record = outcomeRecord({
      query: text,
      context: context.router.turns,
      router: first.router,
      chosen: first.decision.model,
      mode,
      lambda: first.lambda,
      outcomes: attempts,
      ...(result ? { answeredBy: result.model } : {}),
      ...(premiumModel ? { premium: estimatedPremium(premiumModel, sent, result?.text ?? '') } : {}),
      ...(error ? { error } : {}),
    });
    await useLearning.getState().log(record);
    await patch({ outcomeId: record.id }, false);
  }
  const { steps: _shown, text: answer, ...summary } = result;
  await patch({ content: answer, modeRun: { mode, steps, result: summary }, status: signal.aborted ? 'stopped' : 'done' });
}
