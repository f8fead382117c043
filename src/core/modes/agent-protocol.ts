// How the agent's reasoning model calls other models. With the provider's function calling: one function,
// `call_model(model, question)`, offered with every turn; a reply without a call is the answer. Otherwise a
// strict text protocol (Router-R1's tags): it thinks in <think>, calls one model per turn with
// <call>MODEL: question</call>, reads the reply in <information>, and ends with <answer>. A turn with both a
// call and an answer, or neither, or a call with bad arguments, breaks the protocol and is answered with a reminder.
import { z } from 'zod';
import { describeModel } from '../routers/llm-router.ts';
import type { CatalogModel } from '../catalog/model.ts';
import type { ToolCall, ToolSpec } from '../providers/types.ts';

export type AgentProtocol = 'functions' | 'text';

export type AgentTurn =
  | { kind: 'call'; think?: string; model: string; query: string }
  | { kind: 'answer'; think?: string; answer: string }
  | { kind: 'invalid'; think?: string; error: string };

/** The reasoning model's instructions: the protocol and the models it may call, with their descriptions. */
export function agentInstructions(tools: readonly CatalogModel[], maxRounds: number, protocol: AgentProtocol = 'text'): string {
  const list = tools.map((m) => `- ${m.id}: ${describeModel(m)}`).join('\n');
  const how =
    protocol === 'functions'
      ? [
          'You answer the user by consulting other language models through the call_model ' +
            'function: one call per turn; its reply comes back inside <information>...</information>.',
          'When you know the answer, reply with the final answer as plain text, without calling.',
        ]
      : [
          'You answer the user by consulting other language models. In every ' +
            'turn, first reason inside <think>...</think>, then do exactly one of:',
          '- ask one model a self-contained question: <call>MODEL: question</call> ' +
            '(its reply comes back inside <information>...</information>);',
          '- give the final answer: <answer>...</answer>.',
        ];
  return [
    ...how,
    `You have at most ${maxRounds} turns; calls cost money, so call a dear model only when a cheap one will not do.`,
    `Models you may call:\n${list}`,
  ].join('\n');
}

/** The one function offered with function calling: ask a model (named from the enabled ones) a question. */
export function callModelTool(tools: readonly CatalogModel[]): ToolSpec {
  return {
    name: 'call_model',
    description: 'Ask another language model a self-contained question and get its answer.',
    parameters: {
      type: 'object',
      properties: {
        model: { type: 'string', enum: tools.map((m) => m.id), description: 'the model to ask' },
        question: { type: 'string', description: 'the self-contained question' },
      },
      required: ['model', 'question'],
    },
  };
}

const callArguments = z.object({ model: z.string().min(1), question: z.string().min(1) });

/** What a reply under function calling says: its first call_model call, else its text as the answer. */
export function readFunctionTurn(text: string, calls: readonly ToolCall[] | undefined): AgentTurn {
  const call = calls?.[0];
  if (!call)
    return text.trim() ? { kind: 'answer', answer: text.trim() } : { kind: 'invalid', error: 'neither a call_model call nor an answer' };
  if (call.name !== 'call_model') return { kind: 'invalid', error: `unknown function "${call.name}": call call_model` };
  const args = callArguments.safeParse(call.arguments);
  if (!args.success)
    return {
      kind: 'invalid',
      error:
        'call_model needs {"model": "...", "question": "..."} ' +
        `(${args.error.issues[0]!.path.join('.') || 'arguments'}: ${args.error.issues[0]!.message})`,
    };
  return { kind: 'call', ...(text.trim() ? { think: text.trim() } : {}), model: args.data.model, query: args.data.question };
}

/** What a reply to the protocol says. */
export function readTurn(reply: string): AgentTurn {
  const think = tag(reply, 'think');
  // Router-R1's own <search>MODEL: query</search> is read as a call too.
  const call = tag(reply, 'call') ?? tag(reply, 'search');
  const answer = tag(reply, 'answer');
  const base = think !== undefined ? { think } : {};
  if (call !== undefined && answer !== undefined)
    return { kind: 'invalid', ...base, error: 'a turn has either one <call> or an <answer>, not both' };
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
