// A local stand-in for the providers' APIs on 127.0.0.1: speaks OpenAI Chat Completions (/openai/v1, and
// /local/v1 with no key), Anthropic Messages (/anthropic/v1) and Gemini (/gemini/v1beta), streamed and not,
// with deterministic echo answers, realistic usage, each provider's error bodies, CORS like the real APIs,
// and faults injected per request (see faults.ts); a benchmark fixture's answers (benchmark-fixture.ts); scripted replies and function calls (scripts.ts,
// tool-calls.ts); a tool result at the end of the history is echoed as "the tool said …". Control:
// POST/DELETE /_control/faults, POST/DELETE /_control/scripts, GET/DELETE /_control/requests.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultTable, parseFault, type Fault, type FaultRule } from './faults.ts';
import { ScriptTable, scriptedCalls, type ScriptRule } from './scripts.ts';
import { offeredTools, toolCallEvents, toolCallWhole } from './tool-calls.ts';
import { WIRE_SPECS, type ErrorCase, type Message, type WireSpec } from './wires.ts';
import type { BenchmarkFixture } from './benchmark-fixture.ts';

export const TEST_MODELS = ['echo-small', 'echo-large'];

export interface LoggedRequest {
  wire: string;
  path: string;
  model?: string;
  fault?: string;
  /** Whether a key came with it (never the key itself). */
  keyed: boolean;
  /** How many functions it offered the model (function calling). */
  tools?: number;
  /** Whether it asked for a stream. */
  stream?: boolean;
  /** The output cap it sent (max_tokens, max_completion_tokens or maxOutputTokens); the server ignores it. */
  maxTokens?: number;
  /** The images it carried, in the wire's shape described (wires.ts). */
  images?: string[];
}

export interface TestServer {
  url: string;
  port: number;
  faults: FaultTable;
  scripts: ScriptTable;
  requests: LoggedRequest[];
  close(): Promise<void>;
}

interface Route {
  wire: string;
  spec: WireSpec;
  needsKey: boolean;
  rest: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const lastUser = (messages: Message[]) => [...messages].reverse().find((m) => m.role === 'user')?.text ?? '';
const wordPieces = (text: string) => text.match(/\S+\s*/g) ?? [];
/** The tool result the history ends with, if it does. */
const toolResult = (messages: Message[]) => (messages.at(-1)?.role === 'tool' ? messages.at(-1)!.text : undefined);

/** The deterministic answer: the model's name and the last user message (or the tool result), in word pieces. */
export function echoAnswer(model: string, messages: Message[]): string[] {
  const tool = toolResult(messages);
  return wordPieces(tool !== undefined ? `Echo from ${model}: the tool said ${tool}` : `Echo from ${model}: ${lastUser(messages)}`);
}

/** A given answer (a script rule's, the benchmark fixture's) in word pieces, else the echo. */
function answerPieces(answer: string | undefined, model: string, messages: Message[]): string[] {
  return answer === undefined ? echoAnswer(model, messages) : wordPieces(answer);
}

/** The call a request makes, as the wire reads it; a shape the provider would refuse is reported, and no call. */
function readCall(spec: WireSpec, path: string, body: any, refuse: (why: string) => void) {
  try {
    return spec.read(path, body);
  } catch (e) {
    refuse((e as Error).message);
    return undefined;
  }
}

function route(path: string): Route | undefined {
  const m = /^\/(openai|local|anthropic|gemini)\/(v1|v1beta)\/(.*)$/.exec(path);
  if (!m) return undefined;
  const wire = m[1] === 'local' ? 'openai' : m[1]!;
  return { wire, spec: WIRE_SPECS[wire as keyof typeof WIRE_SPECS], needsKey: m[1] !== 'local', rest: m[3]! };
}

function cors(req: IncomingMessage, res: ServerResponse, fault: Fault): void {
  if (fault.noCors) return;
  res.setHeader('access-control-allow-origin', req.headers.origin ?? '*');
  res.setHeader('access-control-expose-headers', 'retry-after, x-request-id');
  res.setHeader('vary', 'origin');
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}

/** Sends an event in two writes split mid-line, to exercise the client's reassembly of chunks. */
async function writeSplit(res: ServerResponse, event: string): Promise<void> {
  const half = Math.floor(event.length / 2);
  res.write(event.slice(0, half));
  await sleep(1);
  res.write(event.slice(half));
}

export interface TestServerOptions {
  port?: number;
  host?: string;
  /** Answer benchmark prompts from this fixture (benchmark-fixture.ts) instead of echoing. */
  fixture?: BenchmarkFixture;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const faults = new FaultTable();
  const scripts = new ScriptTable();
  const requests: LoggedRequest[] = [];

  async function control(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (path === '/_control/faults' && req.method === 'POST') {
      const body = await readBody(req);
      faults.set((body.rules ?? []) as FaultRule[]);
      return json(res, 200, { ok: true });
    }
    if (path === '/_control/scripts' && req.method === 'POST')
      return (scripts.set(((await readBody(req)).rules ?? []) as ScriptRule[]), json(res, 200, { ok: true }));
    if (path === '/_control/scripts' && req.method === 'DELETE') return (scripts.set([]), json(res, 200, { ok: true }));
    if (path === '/_control/faults' && req.method === 'DELETE') return (faults.set([]), json(res, 200, { ok: true }));
    if (path === '/_control/requests' && req.method === 'GET') return json(res, 200, requests);
    if (path === '/_control/requests' && req.method === 'DELETE') return (requests.splice(0), json(res, 200, { ok: true }));
    return json(res, 404, { error: `no control endpoint ${req.method} ${path}` });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://test');
    if (req.method === 'OPTIONS') {
      // Preflight, as the real APIs answer it: any origin, the requested headers.
      res.writeHead(204, {
        'access-control-allow-origin': req.headers.origin ?? '*',
        'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
        'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
        'access-control-max-age': '600',
      });
      return void res.end();
    }
    if (url.pathname.startsWith('/_control/')) return (cors(req, res, {}), control(req, res, url.pathname));
    const r = route(url.pathname);
    if (!r) return json(res, 404, { error: { message: `no route ${url.pathname}` } });

    const body = req.method === 'POST' ? await readBody(req).catch(() => null) : {};
    const listing = req.method === 'GET' && /^models\/?$/.test(r.rest);
    let refused: string | undefined;
    const call = listing || body === null ? undefined : readCall(r.spec, url.pathname + url.search, body, (e) => (refused = e));
    const key = r.spec.key(req.headers);
    const fixed = call ? options.fixture?.reply(call.model, lastUser(call.messages)) : undefined;
    const spec = (req.headers['x-fault'] as string | undefined) ?? faults.take(r.wire, call?.model ?? '') ?? fixed?.fault;
    const tools = offeredTools(r.wire, body);
    const maxTokens = body?.max_completion_tokens ?? body?.max_tokens ?? body?.generationConfig?.maxOutputTokens;
    requests.push({
      wire: r.wire,
      path: url.pathname,
      model: call?.model,
      fault: spec,
      keyed: key !== undefined,
      ...(call ? { stream: call.stream } : {}),
      ...(tools ? { tools } : {}),
      ...(maxTokens !== undefined ? { maxTokens } : {}),
      ...(call?.messages.some((m) => m.images) ? { images: call.messages.flatMap((m) => m.images ?? []) } : {}),
    });
    const fault = spec ? parseFault(spec) : {};
    cors(req, res, fault);

    if (fault.latencyMs) await sleep(fault.latencyMs);
    if (fault.resetAfter === 0) return void req.socket.destroy();
    const fail = (status: number, which: ErrorCase) => {
      const e = r.spec.error(status, which, key);
      json(res, e.status, e.body, fault.retryAfter ? { 'retry-after': fault.retryAfter } : {});
    };
    if (r.needsKey && (!key || key.startsWith('bad') || fault.invalidKey)) return fail(401, 'auth');
    if (fault.status) return fail(fault.status, 'status');
    if (listing) return json(res, 200, r.spec.models(TEST_MODELS));
    if (!call) return json(res, 400, { error: { message: refused ?? 'the request body is not JSON' } });
    if (fault.context) return fail(400, 'context');
    if (fault.contentFilter) return fail(400, 'content-filter');

    // A tool result is always echoed, so a scripted call is not made again for the turn it answers.
    const scripted = toolResult(call.messages) === undefined ? scripts.take(call.model, lastUser(call.messages)) : undefined;
    const usage = { input: Math.ceil(call.messages.reduce((n, m) => n + m.text.length, 0) / 4), output: 12 };
    const calls = scriptedCalls(scripted);
    if (calls.length > 0 && !call.stream) return json(res, 200, toolCallWhole(r.wire, call.model, calls, usage));
    if (calls.length > 0) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      for (const [sent, event] of toolCallEvents(r.wire, call.model, calls, usage).entries()) {
        if (fault.cutAfter === sent) return void res.end();
        await writeSplit(res, event);
      }
      return void res.end();
    }
    const pieces = answerPieces(scripted?.reply ?? fixed?.answer, call.model, call.messages).slice(0, fault.filterAfter);
    const reply = {
      model: call.model,
      pieces,
      inputTokens: Math.ceil(call.messages.reduce((n, m) => n + m.text.length, 0) / 4),
      outputTokens: pieces.length,
      streamUsage: call.streamUsage,
      filtered: fault.filterAfter !== undefined,
    };
    if (!call.stream) {
      if (fault.malformed) return json(res, 200, '{"choices": [{"message": ');
      return json(res, 200, r.spec.whole(reply));
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.flushHeaders();
    const { head, pieces: textEvents, tail } = r.spec.events(reply);
    for (const event of head) await writeSplit(res, event);
    for (const [sent, event] of textEvents.entries()) {
      // Let what was sent arrive and be read first: a reset discards what the client has not read yet (20 ms was too
      // short on a loaded machine).
      if (fault.resetAfter === sent) return void (await sleep(200), req.socket.destroy());
      if (fault.cutAfter === sent) return void res.end();
      await writeSplit(res, fault.malformed && sent === 1 ? `data: {"choices":[{"delta":${r.spec.eol}${r.spec.eol}` : event);
      if (fault.stallMs) await sleep(fault.stallMs);
    }
    for (const event of tail) await writeSplit(res, event);
    res.end();
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: Error) => {
      if (!res.headersSent) json(res, 500, { error: { message: e.message } });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? Number(process.env.LLMROUTER_TEST_SERVER_PORT ?? 0), options.host ?? '127.0.0.1', resolve),
  );
  const { port, address } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}`,
    port,
    faults,
    scripts,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
