// Answers a message in a multi-call mode (cascade, llm-router, decompose, agent): runs the core mode over the
// app's provider layer and its personalised routing, showing each step in the thread as it happens; the
// message's stop aborts the run between or during calls, and the steps so far stay in the thread.
import { runMode } from '../../core/modes/run-mode.ts';
import type { ModeStep } from '../../core/modes/mode.ts';
import { completeVia } from '../../core/routers/routed-complete.ts';
import { useCalls } from '../stores/calls.ts';
import { currentProfile } from '../stores/profiles.ts';
import { usableModels } from '../stores/usable-models.ts';
import type { ChatMessage, ModeRun } from '../stores/conversations.ts';
import type { ChosenContext } from './conversation-context.ts';
import { routeText } from './personal-route.ts';

type Patch = (p: Partial<ChatMessage>, persist?: boolean) => Promise<void>;

export async function answerWithMode(mode: ModeRun['mode'], text: string, context: ChosenContext, patch: Patch, signal: AbortSignal): Promise<void> {
  const first = await routeText(text, context.router);
  const steps: ModeStep[] = [];
  await patch({ status: 'streaming', modeRun: { mode, steps } });
  const result = await runMode(
    mode,
    text,
    {
      models: usableModels(),
      complete: completeVia(useCalls.getState().caller(first.catalog)),
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
  const { steps: _shown, text: answer, ...summary } = result;
  await patch({ content: answer, modeRun: { mode, steps, result: summary }, status: signal.aborted ? 'stopped' : 'done' });
}
