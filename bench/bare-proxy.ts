// The floor bench:server compares the gateway with: a bare fastify + undici proxy that forwards a chat completion
// to one upstream on a keep-alive pool and returns its answer, with no auth, routing, budgets, log or metrics. What
// it costs is what any gateway on this stack costs before doing its job.
import { parseArgs } from 'node:util';
import Fastify from 'fastify';
import { Agent, request } from 'undici';

const { values } = parseArgs({ options: { port: { type: 'string' }, upstream: { type: 'string' } } });
const agent = new Agent({ connections: 256, keepAliveTimeout: 30_000 });
const app = Fastify();
app.post('/v1/chat/completions', async (req) => {
  const body = req.body as { model: string; messages: unknown[] };
  const reply = await request(`${values.upstream}/chat/completions`, {
    method: 'POST',
    dispatcher: agent,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: body.model, messages: body.messages, stream: false }),
  });
  return reply.body.json();
});
await app.listen({ host: '127.0.0.1', port: Number(values.port) });
console.log(`bare proxy on http://127.0.0.1:${values.port}`);
process.on('SIGTERM', () => process.exit(0));
