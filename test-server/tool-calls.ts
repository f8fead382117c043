// Function-call replies for the test server, shaped as each provider sends them, whole and streamed: OpenAI
// `tool_calls` (arguments as a JSON string, streamed in pieces), Anthropic `tool_use` content blocks (input
// streamed as `input_json_delta`), Gemini `functionCall` parts. Also how many tools a request offered.

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

/** The whole (non-streamed) reply carrying one function call. */
export function toolCallWhole(wire: string, model: string, call: ScriptedToolCall, usage: { input: number; output: number }): unknown {
  const args = JSON.stringify(call.arguments);
  if (wire === 'anthropic') {
    return {
      id: 'msg_test',
      type: 'message',
      role: 'assistant',
      model,
      content: [{ type: 'tool_use', id: 'toolu_test', name: call.name, input: call.arguments }],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: { input_tokens: usage.input, output_tokens: usage.output },
    };
  }
  if (wire === 'gemini') {
    return {
      candidates: [
        {
          content: { parts: [{ functionCall: { name: call.name, args: call.arguments } }], role: 'model' },
          finishReason: 'STOP',
          index: 0,
        },
      ],
      usageMetadata: { promptTokenCount: usage.input, candidatesTokenCount: usage.output, totalTokenCount: usage.input + usage.output },
      modelVersion: model,
    };
  }
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
          tool_calls: [{ id: 'call_test', type: 'function', function: { name: call.name, arguments: args } }],
        },
        finish_reason: 'tool_calls',
      },
    ],
    usage: { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: usage.input + usage.output },
  };
}

/** The stream events carrying one function call, its arguments split in two pieces where the provider streams them. */
export function toolCallEvents(wire: string, model: string, call: ScriptedToolCall, usage: { input: number; output: number }): string[] {
  const args = JSON.stringify(call.arguments);
  const half = Math.floor(args.length / 2);
  if (wire === 'anthropic') {
    return [
      sse(
        {
          type: 'message_start',
          message: {
            id: 'msg_test',
            type: 'message',
            role: 'assistant',
            model,
            content: [],
            stop_reason: null,
            stop_sequence: null,
            usage: { input_tokens: usage.input, output_tokens: 1 },
          },
        },
        'message_start',
      ),
      sse(
        { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'toolu_test', name: call.name, input: {} } },
        'content_block_start',
      ),
      sse(
        { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: args.slice(0, half) } },
        'content_block_delta',
      ),
      sse(
        { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: args.slice(half) } },
        'content_block_delta',
      ),
      sse({ type: 'content_block_stop', index: 0 }, 'content_block_stop'),
      sse(
        { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: usage.output } },
        'message_delta',
      ),
      sse({ type: 'message_stop' }, 'message_stop'),
    ];
  }
  if (wire === 'gemini') return [`data: ${JSON.stringify(toolCallWhole(wire, model, call, usage))}\r\n\r\n`];
  const chunk = (delta: object, finish: string | null) =>
    sse({
      id: 'chatcmpl-test',
      object: 'chat.completion.chunk',
      created: 1700000000,
      model,
      choices: [{ index: 0, delta, finish_reason: finish }],
    });
  return [
    chunk(
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ index: 0, id: 'call_test', type: 'function', function: { name: call.name, arguments: '' } }],
      },
      null,
    ),
    chunk({ tool_calls: [{ index: 0, function: { arguments: args.slice(0, half) } }] }, null),
    chunk({ tool_calls: [{ index: 0, function: { arguments: args.slice(half) } }] }, null),
    chunk({}, 'tool_calls'),
    'data: [DONE]\n\n',
  ];
}
