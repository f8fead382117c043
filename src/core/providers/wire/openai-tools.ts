// Function calling in OpenAI's shapes, both ways: tool definitions, tool choice and tool calls (arguments as
// JSON text) from and to the provider-neutral ones in ../types.ts. Used by the OpenAI wire (to the provider)
// and by the gateway (to and from its OpenAI-speaking clients).
import type { ToolCall, ToolChoice, ToolSpec } from '../types.ts';
import { argumentsJson, toolArguments } from './adapter.ts';

export interface OpenAiTool {
  type: 'function';
  function: { name: string; description?: string; parameters?: Record<string, unknown> };
}

export interface OpenAiToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export type OpenAiToolChoice = 'auto' | 'none' | 'required' | { type: 'function'; function: { name: string } };

export function toOpenAiTool(spec: ToolSpec): OpenAiTool {
  return { type: 'function', function: spec };
}

export function fromOpenAiTool(tool: OpenAiTool): ToolSpec {
  const { name, description, parameters } = tool.function;
  return { name, ...(description !== undefined ? { description } : {}), ...(parameters !== undefined ? { parameters } : {}) };
}

export function toOpenAiToolChoice(choice: ToolChoice): OpenAiToolChoice {
  return typeof choice === 'string' ? choice : { type: 'function', function: { name: choice.name } };
}

export function fromOpenAiToolChoice(choice: OpenAiToolChoice): ToolChoice {
  return typeof choice === 'string' ? choice : { name: choice.function.name };
}

/** A call in OpenAI's shape; one without an id (a wire that gives none) gets `call_<index>`. */
export function toOpenAiToolCall(call: ToolCall, index: number): OpenAiToolCall {
  return { id: call.id ?? `call_${index}`, type: 'function', function: { name: call.name, arguments: argumentsJson(call) } };
}

export function fromOpenAiToolCall(call: { id?: string; function: { name: string; arguments: string } }): ToolCall {
  return { ...(call.id ? { id: call.id } : {}), name: call.function.name, arguments: toolArguments(call.function.arguments) };
}
