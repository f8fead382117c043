// The engine's contract: what one answer is asked with (the conversation, the cost policy, the mode, the profile,
// the context policy), what the engine is built from (a router, an encoder, a routed caller: each edge's own), the
// events it yields while answering, and what it ends with. The app, `llmrouter chat` and `llmrouter serve` speak it.
import type { CatalogModel } from '../catalog/model.ts';
import type { OutcomeRecord } from '../learn/outcome.ts';
import type { ContextPolicy } from '../modes/context.ts';
import type { ModeName, ModeResult, ModeStep } from '../modes/mode.ts';
import type { UserVector } from '../modes/personal.ts';
import type { ModeOptions } from '../modes/run-mode.ts';
import type { AttemptOutcome } from '../providers/outcome.ts';
import type { RoutedCaller, RoutedEvent, RoutedResult } from '../providers/routed-call.ts';
import type { ChatMessage, ToolCallDelta, ToolChoice, ToolSpec } from '../providers/types.ts';
import type { Decision, Policy } from '../routers/decide.ts';
import type { Explanation, ModelEstimate, Prediction, RouteQuery, RouterInput } from '../routers/router.ts';

/** A router as the engine uses it: predict and decide under the policy (an online router may explore). */
export interface EngineRouter {
  readonly name: string;
  /** What it reads (an 'embedding' router's record keeps the query's vector). */
  readonly input: RouterInput;
  /** Whether it can also route by the words alone (core/routers/shared/text-reading.ts), while the encoder loads. */
  readonly textTier?: boolean;
  route(query: RouteQuery, policy: Policy): Promise<{ prediction: Prediction; decision: Decision; explored?: boolean }>;
}

/** Unit vectors for texts, in order (the edge's sentence encoder: a worker, a Node session). */
export interface EngineEncoder {
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  /** False while the encoder is still loading (an edge that cannot tell leaves it out). */
  ready?(): boolean;
}

/** The personal profile that shifts the router's estimates (core/modes/personal.ts). */
export interface EngineProfile {
  id: string;
  name: string;
  vector: UserVector;
}

/** A model the user named instead of the router's pick, and the models after it. */
export interface Forced {
  models: string[];
  by: 'send-to' | 'regenerate' | 'direct';
  /** The model whose answer the user regenerated away from (an implicit preference). */
  over?: string;
}

/** What the engine is built from: one per edge, reused for every answer. */
export interface EngineParts {
  /** Absent: every answer names its models (`forced`), as the CLI's --model and the gateway's direct calls do. */
  router?: EngineRouter;
  /** Needed when the router reads embeddings, a profile is given, or the context policy is `similar`. */
  encoder?: EngineEncoder;
  caller: Pick<RoutedCaller, 'call'>;
  /** The models a multi-call mode may use, with their catalog entries. */
  models: readonly CatalogModel[];
  /** Model calls in flight at once within a mode. */
  concurrency?: number;
  now?: () => number;
}

export interface AnswerRequest {
  /** The conversation; its last user message is the query, the turns before it its context. */
  messages: ChatMessage[];
  policy: Policy;
  mode?: ModeName;
  profile?: EngineProfile;
  /** Which earlier turns go with the query (default: all). */
  context?: ContextPolicy;
  signal?: AbortSignal;
  forced?: Forced;
  /** Options of a multi-call mode (cascade calibration, decompose assignment, agent limits). */
  modeOptions?: ModeOptions;
  maxTokens?: number;
  temperature?: number;
  tools?: ToolSpec[];
  toolChoice?: ToolChoice;
  /** False when the caller wants the whole answer at once: the provider may then be called unstreamed. */
  stream?: boolean;
  /** Shared by the record and every provider attempt of this answer; fresh when absent. */
  callId?: string;
}

/** How the message was routed: the router's estimates, this profile's shift, the shared decision. */
export interface Routed {
  decision: Decision;
  /** The estimates decided on: the router's, shifted by the profile. */
  estimates: ModelEstimate[];
  /** The router's estimates before the profile's shift (what profile feedback is learned against). */
  global: ModelEstimate[];
  explanation: Explanation;
  lambda: number;
  /** Milliseconds the routing took (embedding, prediction, personalisation, decision). */
  ms: number;
  /** Earlier user turns the router read with the query. */
  contextTurns: string[];
  /** The vector the router read (absent for routers that read text). */
  embedding?: Float32Array;
  profile?: { id: string; name: string; personalised: boolean; features: number[] };
  /** The best-quality model, the premium alternative the pick is compared with. */
  premium: ModelEstimate;
  /** An online router acted otherwise than its greedy choice. */
  explored?: boolean;
  /** Routed by the router's text-only tier because the encoder was still loading (no embedding, no profile shift). */
  textOnly?: boolean;
}

export interface Routing {
  /** The router's name, or `direct` when the models were named. */
  router: string;
  /** The models in the order they are tried (the fallback chain). */
  chain: string[];
  forced?: Forced;
  /** Absent for a direct call. */
  routed?: Routed;
}

/** How an answer ended: its text, the record, and the provider layer's or the mode's result. */
export interface Answered {
  text: string;
  record: OutcomeRecord;
  routing: Routing;
  /** Every provider attempt the answer made, in order (each call of a multi-call mode's included). */
  outcomes: AttemptOutcome[];
  /** The single call's result (fallback path, segments, tool calls), or the mode's. */
  result: { kind: 'single'; call: RoutedResult } | { kind: 'mode'; mode: ModeResult };
  /** The first provider error when no complete answer came. */
  error?: RoutedResult['error'];
}

export type EngineEvent =
  | { type: 'decision'; routing: Routing }
  /** The provider layer's progress: an attempt, a failure, a skipped model, a fallback. */
  | { type: 'attempt'; event: Exclude<RoutedEvent, { type: 'token' | 'tool_call' | 'done' }> }
  | { type: 'text'; model: string; text: string }
  /** A piece of a function call as it streams (put together, the calls are in the single call's result). */
  | { type: 'tool_call'; model: string; delta: ToolCallDelta }
  | { type: 'step'; step: ModeStep }
  | { type: 'done'; answered: Answered };
