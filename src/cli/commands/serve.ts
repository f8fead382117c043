// `llmrouter serve --config FILE`: the OpenAI-compatible routing gateway (src/server/), until SIGINT or
// SIGTERM, which drain open streams before exiting.
import type { Command } from '../command.ts';
import { existingFile, numberFlag, requiredFlag } from '../command.ts';

export const serve: Command = {
  usage: 'llmrouter serve --config FILE.yaml [--host ADDR] [--port N] [--redis URL [--redis-prefix P]] [--no-auth]',
  options: {
    config: { type: 'string' },
    host: { type: 'string' },
    port: { type: 'string' },
    redis: { type: 'string' },
    'redis-prefix': { type: 'string' },
    'no-auth': { type: 'boolean', default: false },
  },
  async run({ values }) {
    // Loaded here, not at the top: the other verbs need none of the server's libraries.
    const { loadConfig } = await import('../../server/config.ts');
    const { startGateway } = await import('../../server/serve.ts');
    const { limitHeapGrowth } = await import('../../server/serving-heap.ts');
    limitHeapGrowth();
    const config = await loadConfig(existingFile(requiredFlag(values, 'config'), 'configuration file'));
    const running = await startGateway(config, {
      ...(typeof values.host === 'string' ? { host: values.host } : {}),
      ...(values.port !== undefined ? { port: numberFlag(values, 'port', config.server.port) } : {}),
      ...(typeof values.redis === 'string' ? { redisUrl: values.redis } : {}),
      ...(typeof values['redis-prefix'] === 'string' ? { redisPrefix: values['redis-prefix'] } : {}),
      noAuth: values['no-auth'] === true,
      onNotice: (message) => console.error(`llmrouter: ${message}`),
    });
    for (const notice of running.gateway.notices) console.error(`llmrouter: ${notice}`);
    const routers = [...running.gateway.routers.keys()].map((r) => `router-${r}`).join(', ') || 'no routers';
    const state = values.redis ? '; state in Redis' : '';
    console.log(`llmrouter gateway on ${running.url} (${routers}; ${running.gateway.callable.size} models callable${state})`);
    await new Promise<void>((resolve) => {
      const stop = () => {
        console.log('draining open calls...');
        void running.close().then(resolve);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  },
};
