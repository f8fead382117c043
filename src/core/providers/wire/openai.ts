// OpenAI-compatible Chat Completions (OpenAI, NIM, Groq, Together, Mistral, DeepSeek, OpenRouter,
// Fireworks, Ollama, LM Studio, vLLM): POST {base}/chat/completions; a stream is complete at its finish
// reason (usage may follow) and ends with `data: [DONE]`. The finish reason `content_filter` is a
// content_filter error, whole or streamed (the pieces already streamed stay with the caller). Tools, tool
// calls and tool results go out in OpenAI's shapes (openai-tools.ts); streamed tool calls are put together
// from their deltas. Images go out as image_url parts (a data: URL or the image's URL).
import type { ErrorKind } from '../errors.ts';
import { at, eventJson, filteredAnswer, joinUrl, streamError, streamReader, type ReplyMeta, type WireAdapter } from './adapter.ts';
import { fromOpenAiToolCall, toOpenAiTool, toOpenAiToolCall, toOpenAiToolChoice, type OpenAiToolCall } from './openai-tools.ts';
import { imageUrl } from '../images.ts';
import type { ChatMessage, Endpoint } from '../types.ts';

function headers(endpoint: Endpoint): Record<string, string> {
  return endpoint.key ? { authorization: `Bearer ${endpoint.key}` } : {};
}

function usageOf(body: unknown): ReplyMeta {
  const usage = at(body, 'usage');
  return usage ? { inputTokens: usage.prompt_tokens, outputTokens: usage.completion_tokens } : {};
}

/** A message's content: its text, null for tool calls alone, or image_url parts and the text. */
function wireContent(m: ChatMessage): string | null | object[] {
  if (m.images?.length)
    return [
      ...m.images.map((image) => ({ type: 'image_url', image_url: { url: imageUrl(image) } })),
      ...(m.content ? [{ type: 'text', text: m.content }] : []),
    ];
  return m.toolCalls?.length && !m.content ? null : m.content;
}

function wireMessage(m: ChatMessage): object {
  const calls = m.toolCalls?.length ? { tool_calls: m.toolCalls.map(toOpenAiToolCall) } : {};
  return {
    role: m.role,
    content: wireContent(m),
    ...calls,
    ...(m.toolCallId ? { tool_call_id: m.toolCallId } : {}),
  };
}

function kindOfCode(code: unknown, type: unknown): ErrorKind | undefined {
  if (code === 'context_length_exceeded' || code === 'string_above_max_length') return 'context_length';
  if (code === 'content_filter' || code === 'content_policy_violation') return 'content_filter';
  if (code === 'invalid_api_key' || type === 'authentication_error') return 'auth';
  if (code === 'rate_limit_exceeded' || code === 'insufficient_quota') return 'rate_limit';
  return undefined;
}

export const openaiWire: WireAdapter = {
  chat(endpoint, request, stream) {
    return {
      url: joinUrl(endpoint.baseUrl, 'chat/completions'),
      method: 'POST',
      headers: headers(endpoint),
      body: {
        model: request.model,
        messages: request.messages.map(wireMessage),
        stream,
        ...(request.tools?.length ? { tools: request.tools.map(toOpenAiTool) } : {}),
        ...(request.toolChoice !== undefined ? { tool_choice: toOpenAiToolChoice(request.toolChoice) } : {}),
        ...(stream && endpoint.streamUsage ? { stream_options: { include_usage: true } } : {}),
        // OpenAI's own API takes max_completion_tokens (its reasoning models refuse max_tokens); compatible servers max_tokens.
        ...(request.maxTokens !== undefined
          ? { [endpoint.provider === 'openai' ? 'max_completion_tokens' : 'max_tokens']: request.maxTokens }
          : {}),
        ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      },
    };
  },
  reply(body) {
    const choice = at(body, 'choices', 0);
    if (choice?.finish_reason === 'content_filter') throw filteredAnswer('finish_reason content_filter');
    const calls = ((at(choice, 'message', 'tool_calls') ?? []) as Partial<OpenAiToolCall>[]).flatMap((c) =>
      c.function ? [fromOpenAiToolCall({ ...c, function: c.function })] : [],
    );
    return {
      text: at(choice, 'message', 'content') ?? '',
      finishReason: choice?.finish_reason,
      ...usageOf(body),
      ...(calls.length ? { toolCalls: calls } : {}),
    };
  },
  stream: () =>
    streamReader((event, state) => {
      if (event.data.trim() === '[DONE]') {
        state.complete = true;
        return '';
      }
      const chunk = eventJson(event);
      if (chunk.error) throw streamError(openaiWire, chunk);
      Object.assign(state.meta, usageOf(chunk));
      const choice = at(chunk, 'choices', 0);
      if (choice?.finish_reason === 'content_filter') throw filteredAnswer('finish_reason content_filter');
      for (const c of (at(choice, 'delta', 'tool_calls') ?? []) as {
        index?: number;
        id?: string;
        function?: { name?: string; arguments?: string };
      }[])
        state.calls.add(c.index ?? 0, { id: c.id, name: c.function?.name, json: c.function?.arguments });
      if (choice?.finish_reason) {
        // Some compatible servers close the stream after the finish reason without `[DONE]`.
        state.meta.finishReason = choice.finish_reason;
        state.complete = true;
      }
      return at(choice, 'delta', 'content') ?? '';
    }),
  listModels(endpoint) {
    return { url: joinUrl(endpoint.baseUrl, 'models'), method: 'GET', headers: headers(endpoint) };
  },
  modelIds(body) {
    return ((at(body, 'data') ?? []) as { id: string }[]).map((m) => m.id);
  },
  error(body) {
    const error = at(body, 'error');
    // Most servers send {error:{message,type,code}}; a few send {error:"text"} or {message}.
    const message = typeof error === 'string' ? error : (at(error, 'message') ?? at(body, 'message'));
    return { message, kind: kindOfCode(at(error, 'code'), at(error, 'type')) };
  },
};
