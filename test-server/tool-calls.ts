// Function-call replies for the test server, shaped as each provider sends them, whole and streamed, one call or
// several: OpenAI `tool_calls` (arguments as a JSON string, streamed in pieces), Anthropic `tool_use` content blocks
// (input streamed as `input_json_delta` pieces), Gemini `functionCall` parts (each call whole). Also how many tools a
// request offered.

export interface ScriptedToolCall {
  name: string;
  arguments: Record<string, unknown>;
}

const sse = (data: unknown, event?: string) => `${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`;

/** How many functions the request offered the model (0 when none). */
export function offeredTools(wire: string, body: any): number {
  if (wire === 'gemini') return (body?.tools ?? []).reduce((n: number, t: any) => n + (t.functionDeclarations?.length ?? 0), 0);
  return Array.isArray(body?.tools) ? body.tools.length : 0;
}

/** The id the provider gives the answer's call number `i` (Gemini gives none). */
const callId = (prefix: string, i: number) => (i === 0 ? `${prefix}_test` : `${prefix}_test_${i}`);

/** A call's arguments as JSON text, in three pieces (as providers stream them: a few tokens at a time). */
function argumentPieces(call: ScriptedToolCall): string[] {
  const args = JSON.stringify(call.arguments);
  const third = Math.ceil(args.length / 3);
  return [args.slice(0, third), args.slice(third, 2 * third), args.slice(2 * third)].filter(Boolean);
}

/** The whole (non-streamed) reply carrying the function calls. */
export function toolCallWhole(wire: string, model: string, calls: ScriptedToolCall[], usage: { input: number; output: number }): unknown {
  if (wire === 'anthropic') {
    return {
      id: 'msg_test',
      type: 'message',
      role: 'assistant',
      model,
      content: calls.map((call, i) => ({ type: 'tool_use', id: callId('toolu', i), name: call.name, input: call.arguments })),
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: { input_tokens: usage.input, output_tokens: usage.output },
    };
  }
  if (wire === 'gemini') return geminiCalls(model, calls, usage, 'STOP');
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1700000000,
    model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: null,
          tool_calls: calls.map((call, i) => ({
            id: callId('call', i),
            type: 'function',
            function: { name: call.name, arguments: JSON.stringify(call.arguments) },
          })),
        },
        finish_reason: 'tool_calls',
      },
    ],
    usage: { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: usage.input + usage.output },
  };
}

/** A Gemini reply (or stream chunk) with functionCall parts; the last chunk carries the finish reason. */
function geminiCalls(model: string, calls: ScriptedToolCall[], usage: { input: number; output: number }, finishReason?: string) {
  return {
    candidates: [
      {
        content: { parts: calls.map((call) => ({ functionCall: { name: call.name, args: call.arguments } })), role: 'model' },
        ...(finishReason ? { finishReason } : {}),
        index: 0,
      },
    ],
    usageMetadata: { promptTokenCount: usage.input, candidatesTokenCount: usage.output, totalTokenCount: usage.input + usage.output },
    modelVersion: model,
  };
}

/**
 * The stream events carrying the function calls: OpenAI and Anthropic send each call's arguments in pieces,
 * Gemini sends each call whole, one chunk per call.
 */
export function toolCallEvents(wire: string, model: string, calls: ScriptedToolCall[], usage: { input: number; output: number }): string[] {
  if (wire === 'anthropic') return anthropicEvents(model, calls, usage);
  if (wire === 'gemini')
    return calls.map(
      (call, i) => `data: ${JSON.stringify(geminiCalls(model, [call], usage, i === calls.length - 1 ? 'STOP' : undefined))}\r\n\r\n`,
    );
  const chunk = (delta: object, finish: string | null) =>
    sse({
      id: 'chatcmpl-test',
      object: 'chat.completion.chunk',
      created: 1700000000,
      model,
      choices: [{ index: 0, delta, finish_reason: finish }],
    });
  return [
    chunk({ role: 'assistant', content: null }, null),
    ...calls.flatMap((call, index) => [
      chunk({ tool_calls: [{ index, id: callId('call', index), type: 'function', function: { name: call.name, arguments: '' } }] }, null),
      ...argumentPieces(call).map((piece) => chunk({ tool_calls: [{ index, function: { arguments: piece } }] }, null)),
    ]),
    chunk({}, 'tool_calls'),
    'data: [DONE]\n\n',
  ];
}

function anthropicEvents(model: string, calls: ScriptedToolCall[], usage: { input: number; output: number }): string[] {
  const message = {
    id: 'msg_test',
    type: 'message',
    role: 'assistant',
    model,
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: { input_tokens: usage.input, output_tokens: 1 },
  };
  const block = (call: ScriptedToolCall, index: number) => [
    sse(
      { type: 'content_block_start', index, content_block: { type: 'tool_use', id: callId('toolu', index), name: call.name, input: {} } },
      'content_block_start',
    ),
    ...argumentPieces(call).map((piece) =>
      sse({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: piece } }, 'content_block_delta'),
    ),
    sse({ type: 'content_block_stop', index }, 'content_block_stop'),
  ];
  return [
    sse({ type: 'message_start', message }, 'message_start'),
    ...calls.flatMap(block),
    sse(
      { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: usage.output } },
      'message_delta',
    ),
    sse({ type: 'message_stop' }, 'message_stop'),
  ];
}
