// Runs the provider test server from the command line: `npx tsx test-server/main.ts --port 5401 [--fixture FILE]`.
import { parseArgs } from 'node:util';
import { startTestServer } from './server.ts';
import { loadBenchmarkFixture } from './benchmark-fixture.ts';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '5401' }, host: { type: 'string', default: '127.0.0.1' }, fixture: { type: 'string' } },
});
const fixture = values.fixture ? loadBenchmarkFixture(values.fixture) : undefined;
const server = await startTestServer({ port: Number(values.port), host: values.host, ...(fixture ? { fixture } : {}) });
console.log(
  `provider test server on ${server.url} (openai: /openai/v1, local: /local/v1, anthropic: /anthropic/v1, gemini: /gemini/v1beta)`,
);
const stop = () => void server.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
