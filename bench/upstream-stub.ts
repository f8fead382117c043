// The minimal upstream for bench:server's throughput figures: an OpenAI-compatible chat completions endpoint
// that answers every request at once with one fixed short answer (whole, or as three server-sent events), on
// keep-alive connections, doing as little as a server can, so what is measured is the gateway, not the stub.
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { port: { type: 'string', default: '5701' } } });
const answer = 'Hello from the stub.';
const usage = { prompt_tokens: 9, completion_tokens: 5, total_tokens: 14 };
const whole = JSON.stringify({
  id: 'chatcmpl-stub',
  object: 'chat.completion',
  created: 0,
  model: 'stub',
  choices: [{ index: 0, message: { role: 'assistant', content: answer }, finish_reason: 'stop' }],
  usage,
});
const chunk = (delta: object, finish: string | null) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-stub', object: 'chat.completion.chunk', created: 0, model: 'stub', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
const streamed = [
  chunk({ role: 'assistant', content: answer }, null),
  chunk({}, 'stop'),
  `data: ${JSON.stringify({ id: 'chatcmpl-stub', object: 'chat.completion.chunk', choices: [], usage })}\n\n`,
  'data: [DONE]\n\n',
].join('');

const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (d: string) => (body += d));
  req.on('end', () => {
    const stream = body.includes('"stream":true');
    res.writeHead(200, { 'content-type': stream ? 'text/event-stream' : 'application/json' });
    res.end(stream ? streamed : whole);
  });
});
server.listen(Number(values.port), '127.0.0.1', () => console.log(`upstream stub on http://127.0.0.1:${values.port}`));
process.on('SIGTERM', () => process.exit(0));
