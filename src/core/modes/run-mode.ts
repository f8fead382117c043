// One entry for the modes that make several calls per message, by name: the chat and the CLI run a
// conversation's mode through it (`single` keeps the chat's and the CLI's own streamed, routed call).
import { runAgent, type AgentOptions } from './agent.ts';
import { runCascade, type CascadeOptions } from './cascade.ts';
import { runDecompose, type DecomposeOptions } from './decompose.ts';
import { runJudged, type JudgedOptions } from './judged.ts';
import type { ModeEnv, ModeName, ModeResult } from './mode.ts';

export type MultiCallMode = Exclude<ModeName, 'single'>;

export interface ModeOptions {
  cascade?: CascadeOptions;
  judged?: JudgedOptions;
  decompose?: DecomposeOptions;
  agent?: AgentOptions;
}

export function runMode(mode: MultiCallMode, query: string, env: ModeEnv, options: ModeOptions = {}): Promise<ModeResult> {
  if (mode === 'cascade') return runCascade(query, env, options.cascade);
  if (mode === 'llm-router') return runJudged(query, env, options.judged);
  if (mode === 'decompose') return runDecompose(query, env, options.decompose);
  return runAgent(query, env, options.agent);
}
