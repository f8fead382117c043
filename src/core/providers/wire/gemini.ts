// Google Gemini: POST {base}/models/{model}:generateContent, or :streamGenerateContent?alt=sse for
// server-sent events; the key goes in x-goog-api-key (never the URL). A stream ends when its last
// chunk carries a finishReason. A blocking finishReason (SAFETY and the like) is a content_filter error, whole
// or streamed. Tools go out as functionDeclarations (toolConfig for the choice), calls come back as
// functionCall parts, and tool results go back as functionResponse parts named by the call they answer. Images go
// before the text as inlineData (the bytes) or fileData (a URL, typed by its path's extension).
import { ProviderError, type ErrorKind } from '../errors.ts';
import {
  at,
  eventJson,
  filteredAnswer,
  joinUrl,
  streamError,
  streamReader,
  turnsWithResults,
  type ReplyMeta,
  type WireAdapter,
} from './adapter.ts';
import { splitSystem } from './system-prompt.ts';
import type { ImagePart } from '../images.ts';
import type { ChatMessage, Endpoint, ToolChoice } from '../types.ts';

function headers(endpoint: Endpoint): Record<string, string> {
  return endpoint.key ? { 'x-goog-api-key': endpoint.key } : {};
}

const BLOCKED = new Set(['SAFETY', 'PROHIBITED_CONTENT', 'BLOCKLIST', 'SPII', 'RECITATION']);

/** Reads one GenerateContentResponse (a whole reply or one stream chunk). */
function readChunk(body: unknown): { text: string } & ReplyMeta {
  const blocked = at(body, 'promptFeedback', 'blockReason');
  if (blocked) throw new ProviderError('content_filter', `the prompt was blocked (${blocked})`);
  const candidate = at(body, 'candidates', 0);
  const finishReason: string | undefined = candidate?.finishReason;
  if (finishReason && BLOCKED.has(finishReason)) throw filteredAnswer(`finishReason ${finishReason}`);
  const parts = (at(candidate, 'content', 'parts') ?? []) as {
    text?: string;
    thought?: boolean;
    functionCall?: { id?: string; name: string; args?: unknown };
  }[];
  const usage = at(body, 'usageMetadata');
  const calls = parts.flatMap((p) =>
    p.functionCall
      ? [{ ...(p.functionCall.id ? { id: p.functionCall.id } : {}), name: p.functionCall.name, arguments: p.functionCall.args ?? {} }]
      : [],
  );
  return {
    text: parts
      .filter((p) => !p.thought)
      .map((p) => p.text ?? '')
      .join(''),
    finishReason,
    ...(calls.length ? { toolCalls: calls } : {}),
    ...(usage ? { inputTokens: usage.promptTokenCount, outputTokens: usage.candidatesTokenCount } : {}),
  };
}

type Part = Record<string, unknown>;

/** A tool result as a functionResponse part, named (and with the id, when calls carry one) by the call it answers. */
function functionResponse(m: ChatMessage, history: readonly ChatMessage[]): Part {
  const name = history.flatMap((h) => h.toolCalls ?? []).find((c) => c.id === m.toolCallId)?.name ?? '';
  return { functionResponse: { ...(m.toolCallId ? { id: m.toolCallId } : {}), name, response: { content: m.content } } };
}

/** An image part: the bytes inline, or a URL Gemini fetches (it needs the type, which only the URL's path can tell). */
function imagePart(image: ImagePart): Part {
  if (image.kind === 'data') return { inlineData: { mimeType: image.mediaType, data: image.data } };
  if (!image.mediaType)
    throw new ProviderError('bad_request', `Gemini needs an image URL's type: send ${image.url.slice(0, 80)} as a data: URL`);
  return { fileData: { mimeType: image.mediaType, fileUri: image.url } };
}

/** One message as a Gemini turn: images and text, a model turn's text and functionCall parts, or a functionResponse. */
function content(m: ChatMessage, history: readonly ChatMessage[]): { role: string; parts: Part[] } {
  if (m.role === 'tool') return { role: 'user', parts: [functionResponse(m, history)] };
  const images = (m.images ?? []).map(imagePart);
  const calls = (m.toolCalls ?? []).map((c) => ({
    functionCall: { ...(c.id ? { id: c.id } : {}), name: c.name, args: c.arguments ?? {} },
  }));
  const text = m.content || calls.length + images.length === 0 ? [{ text: m.content }] : [];
  return { role: m.role === 'assistant' ? 'model' : 'user', parts: [...images, ...text, ...calls] };
}

function toolConfig(choice: ToolChoice): object {
  if (typeof choice !== 'string') return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [choice.name] } };
  return { functionCallingConfig: { mode: choice === 'required' ? 'ANY' : choice.toUpperCase() } };
}

function kindOf(status: string | undefined, message: string | undefined, reasons: string[]): ErrorKind | undefined {
  if (reasons.includes('API_KEY_INVALID') || /API key not valid/i.test(message ?? '')) return 'auth';
  if (status === 'UNAUTHENTICATED' || status === 'PERMISSION_DENIED') return 'auth';
  if (status === 'RESOURCE_EXHAUSTED') return 'rate_limit';
  if (status === 'INVALID_ARGUMENT' && /token/i.test(message ?? '') && /exceed|limit|long/i.test(message ?? '')) return 'context_length';
  if (status === 'UNAVAILABLE' || status === 'INTERNAL') return 'server';
  if (status === 'DEADLINE_EXCEEDED') return 'timeout';
  return undefined;
}

export const geminiWire: WireAdapter = {
  chat(endpoint, request, stream) {
    const { system, turns } = splitSystem(request.messages);
    const method = stream ? 'streamGenerateContent?alt=sse' : 'generateContent';
    return {
      url: joinUrl(endpoint.baseUrl, `models/${encodeURIComponent(request.model)}:${method}`),
      method: 'POST',
      headers: headers(endpoint),
      body: {
        contents: turnsWithResults(
          turns,
          (m) => content(m, request.messages),
          (last, m) => last.parts.push(functionResponse(m, request.messages)),
        ),
        ...(system ? { systemInstruction: { parts: [{ text: system }] } } : {}),
        generationConfig: {
          ...(request.maxTokens !== undefined ? { maxOutputTokens: request.maxTokens } : {}),
          ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
        },
        ...(request.tools?.length ? { tools: [{ functionDeclarations: request.tools }] } : {}),
        ...(request.toolChoice !== undefined ? { toolConfig: toolConfig(request.toolChoice) } : {}),
      },
    };
  },
  reply: readChunk,
  stream: () =>
    streamReader((event, state) => {
      const data = eventJson(event);
      if (data.error) throw streamError(geminiWire, data);
      const { text, toolCalls, ...chunkMeta } = readChunk(data);
      for (const [k, v] of Object.entries(chunkMeta)) if (v !== undefined) (state.meta as Record<string, unknown>)[k] = v;
      for (const call of toolCalls ?? []) state.calls.addWhole(call);
      state.complete = state.meta.finishReason !== undefined;
      return text;
    }),
  listModels(endpoint) {
    return { url: joinUrl(endpoint.baseUrl, 'models'), method: 'GET', headers: headers(endpoint) };
  },
  modelIds(body) {
    return ((at(body, 'models') ?? []) as { name: string }[]).map((m) => m.name.replace(/^models\//, ''));
  },
  error(body) {
    // Errors of a streamed call may come wrapped in a one-element array.
    const error = at(Array.isArray(body) ? body[0] : body, 'error');
    const reasons = ((at(error, 'details') ?? []) as { reason?: string }[]).flatMap((d) => (d.reason ? [d.reason] : []));
    return { message: at(error, 'message'), kind: kindOf(at(error, 'status'), at(error, 'message'), reasons) };
  },
};
