// The agent's strict text protocol (Router-R1's tags, for models called without function calling): the
// reasoning model thinks in <think>, calls one model per turn with <call>MODEL: question</call>, reads the
// reply in <information>, and ends with <answer>. A turn with both a call and an answer, or neither, breaks
// the protocol and is answered with a reminder.
import { describeModel } from '../routers/llm-router.ts';
import type { CatalogModel } from '../catalog/model.ts';

export type AgentTurn =
  | { kind: 'call'; think?: string; model: string; query: string }
  | { kind: 'answer'; think?: string; answer: string }
  | { kind: 'invalid'; think?: string; error: string };

/** The reasoning model's instructions: the protocol and the models it may call, with their descriptions. */
export function agentInstructions(tools: readonly CatalogModel[], maxRounds: number): string {
  const list = tools.map((m) => `- ${m.id}: ${describeModel(m)}`).join('\n');
  return [
    'You answer the user by consulting other language models. In every turn, first reason inside <think>...</think>, then do exactly one of:',
    '- ask one model a self-contained question: <call>MODEL: question</call> (its reply comes back inside <information>...</information>);',
    '- give the final answer: <answer>...</answer>.',
    `You have at most ${maxRounds} turns; calls cost money, so call a dear model only when a cheap one will not do.`,
    `Models you may call:\n${list}`,
  ].join('\n');
}

/** What a reply to the protocol says. */
export function readTurn(reply: string): AgentTurn {
  const think = tag(reply, 'think');
  const call = tag(reply, 'call');
  const answer = tag(reply, 'answer');
  const base = think !== undefined ? { think } : {};
  if (call !== undefined && answer !== undefined) return { kind: 'invalid', ...base, error: 'a turn has either one <call> or an <answer>, not both' };
  if (answer !== undefined) return { kind: 'answer', ...base, answer };
  if (call === undefined) return { kind: 'invalid', ...base, error: 'no <call>MODEL: question</call> and no <answer>...</answer> found' };
  const m = /^([^:\n]+):\s*([\s\S]+)$/.exec(call);
  if (!m) return { kind: 'invalid', ...base, error: 'a call is written <call>MODEL: question</call>' };
  return { kind: 'call', ...base, model: m[1]!.trim(), query: m[2]!.trim() };
}

/** The observation handed back after a call. */
export function information(text: string): string {
  return `<information>${text}</information>`;
}

function tag(text: string, name: string): string | undefined {
  return new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(text)?.[1]?.trim();
}
