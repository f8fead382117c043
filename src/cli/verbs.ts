// The CLI's verbs: each one's summary (for `llmrouter --help`) and how to load it. Loading is lazy so that help and
// usage errors never pay for the encoder, the gateway or the data pipeline.
import type { Command } from './command.ts';

export interface Verb {
  summary: string;
  load(): Promise<Command>;
}

export const verbs: Record<string, Verb> = {
  'list-routers': {
    summary: 'list the routing strategies (--options: with their options and defaults)',
    load: async () => (await import('./commands/list-routers.ts')).listRouters,
  },
  train: { summary: 'train a router on a dataset and save it', load: async () => (await import('./commands/train.ts')).train },
  route: {
    summary: 'pick the model for a query with a trained, shipped or provider-calling router',
    load: async () => (await import('./commands/route.ts')).route,
  },
  eval: {
    summary: 'train a router and measure quality and cost on a test set',
    load: async () => (await import('./commands/eval.ts')).evalCommand,
  },
  import: {
    summary: 'convert routing data (LLMRouter, dcrouter, RouterBench, RouteLLM, native) to the native JSONL',
    load: async () => (await import('./commands/import.ts')).importData,
  },
  embed: { summary: 'embed texts with the on-device sentence encoder', load: async () => (await import('./commands/embed.ts')).embed },
  chat: {
    summary: 'send one message: to a model (with fallbacks), or routed first (--router, --mode), streaming the answer',
    load: async () => (await import('./commands/chat.ts')).chat,
  },
  generate: {
    summary: 'run benchmark queries through your models and score them: a routing dataset',
    load: async () => (await import('./commands/generate.ts')).generate,
  },
  score: {
    summary: 'score one answer with one metric, or a file of answers',
    load: async () => (await import('./commands/score.ts')).score,
  },
  simulate: {
    summary: 'replay datasets as user traffic for an online router (bandit feedback), with its regret curve',
    load: async () => (await import('./commands/simulate.ts')).simulateCommand,
  },
  serve: { summary: 'run the OpenAI-compatible routing gateway', load: async () => (await import('./commands/serve.ts')).serve },
  report: {
    summary: 'spend, premium-only cost and savings from a gateway log or an app learning-log export',
    load: async () => (await import('./commands/report.ts')).report,
  },
};
