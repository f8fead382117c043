// The engine's events (core/engine) as the assistant message in the thread: the routing badge on the decision,
// each attempt of the fallback chain (a blocked connection explained), the text as it streams (written to
// IndexedDB only at the end), a mode's steps as they happen, then the final state.
import type { Answered, EngineEvent, Routing } from '../../core/engine/types.ts';
import type { ModeStep } from '../../core/modes/mode.ts';
import type { RoutedEvent } from '../../core/providers/routed-call.ts';
import { blockedOrigin, connectBlockedHint } from '../../platform/browser/connect-policy.ts';
import { catalogModels, useCatalog } from '../stores/catalog.ts';
import type { Attempt, ChatMessage, ModeRun, RoutingInfo } from '../stores/conversations.ts';
import { useProviders } from '../stores/providers.ts';

type Patch = (p: Partial<ChatMessage>, persist?: boolean) => Promise<void>;

/** Streamed text is shown at most this often. */
const FLUSH_MS = 40;

export class ReplyView {
  content = '';
  readonly attempts: Attempt[] = [];
  private readonly steps: ModeStep[] = [];
  private flush: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly patch: Patch,
    private readonly mode: ModeRun['mode'] | undefined,
  ) {}

  on(event: EngineEvent): void {
    if (event.type === 'decision') void this.patch({ status: 'streaming', ...this.opening(event.routing) });
    else if (event.type === 'attempt') this.attempt(event.event);
    else if (event.type === 'step') {
      this.steps.push(event.step);
      void this.patch({ modeRun: { mode: this.mode!, steps: [...this.steps] } }, false);
    } else if (event.type === 'text') this.text(event.text);
  }

  /** What the message shows once routed: a mode's (empty) trace, or the routing badge. */
  private opening(routing: Routing): Partial<ChatMessage> {
    return this.mode ? { modeRun: { mode: this.mode, steps: [] } } : { routing: routingInfo(routing) };
  }

  /** The message once answered: `outcomeId` names its learning-log record. */
  async finish(answered: Answered, stopped: boolean, outcomeId?: string): Promise<void> {
    clearTimeout(this.flush);
    const { result, error, text: content } = answered;
    if (result.kind === 'mode') {
      const { steps: _shown, text: _answer, ...summary } = result.mode;
      const modeRun = { mode: this.mode!, steps: this.steps, result: summary };
      return this.patch({ content, modeRun, status: stopped ? 'stopped' : 'done' });
    }
    const status = stopped ? 'stopped' : error ? 'error' : 'done';
    const failure = error && !stopped ? { error: `No answer: ${error.message}` } : {};
    await this.patch({ content, attempts: this.attempts, ...(outcomeId ? { outcomeId } : {}), status, ...failure });
  }

  private attempt(event: Exclude<RoutedEvent, { type: 'token' | 'done' }>): void {
    if (event.type === 'attempt' && this.attempts.at(-1)?.model !== event.model) this.attempts.push({ model: event.model });
    else if (event.type === 'failed') this.attempts.at(-1)!.error = explainFailure(event);
    else if (event.type === 'skipped') this.attempts.push({ model: event.model, error: SKIPPED[event.reason] });
  }

  private text(text: string): void {
    this.content += text;
    if (this.mode) return;
    this.flush ??= setTimeout(() => {
      this.flush = undefined;
      void this.patch({ content: this.content, attempts: [...this.attempts] }, false);
    }, FLUSH_MS);
  }
}

/** The routing badge's facts: the pick (the user's model when they named one), the premium alternative, the estimates. */
function routingInfo(routing: Routing): RoutingInfo {
  const r = routing.routed!;
  const model = routing.chain[0]!;
  const forcedBy = routing.forced?.by;
  return {
    router: routing.router,
    model,
    pick: r.decision.ranking.find((e) => e.model === model) ?? { model, quality: NaN, cost: NaN },
    premium: r.premium,
    estimates: r.estimates,
    explanation: r.explanation,
    ms: r.ms,
    lambda: r.lambda,
    contextTurns: r.contextTurns.length,
    ...(r.profile ? { profile: r.profile } : {}),
    globalQuality: Object.fromEntries(r.global.map((e) => [e.model, e.quality])),
    ...(forcedBy === 'send-to' || forcedBy === 'regenerate' ? { forcedBy } : {}),
  };
}

/** A failure as the user should read it: a connection the page's policy blocks says how to allow it. */
function explainFailure(event: Extract<RoutedEvent, { type: 'failed' }>): string {
  if (event.kind !== 'network' && event.kind !== 'cors') return event.message;
  const provider = catalogModels(useCatalog.getState().models).find((m) => m.id === event.model)?.provider;
  const baseUrl = useProviders.getState().providers.find((p) => p.id === provider)?.baseUrl;
  const origin = baseUrl === undefined ? undefined : blockedOrigin(baseUrl);
  return origin ? connectBlockedHint(origin) : event.message;
}

const SKIPPED: Record<Extract<RoutedEvent, { type: 'skipped' }>['reason'], string> = {
  circuit_open: 'skipped: too many recent failures (circuit open)',
  no_provider: 'skipped: its provider is not set up (or has no key)',
  unknown_model: 'skipped: not in the model catalog',
  key_refused: 'skipped: the provider refused this key a moment ago',
};
