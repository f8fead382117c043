// `llmrouter chat --model ID [--fallback ID,...] "message"`: one routed call from the command line, the
// answer streamed to stdout, fallbacks noted on stderr. Keys come from environment variables
// (<PROVIDER>_API_KEY, e.g. OPENAI_API_KEY; several comma-separated keys rotate), base URLs from the
// provider table unless --base-url PROVIDER=URL says otherwise.
import type { Command } from '../command.ts';
import { UsageError } from '../usage-error.ts';
import { defaultCatalog, parseCatalog, requireModel } from '../../core/catalog/catalog.ts';
import { customProvider, providerDefinition } from '../../core/providers/definitions.ts';
import { KeyRing } from '../../core/providers/key-ring.ts';
import { RoutedCaller, type RoutedEvent } from '../../core/providers/routed-call.ts';
import { readText } from '../../platform/node/files.ts';
import { jsonlOutcomeSink } from '../../platform/node/outcome-jsonl.ts';

/** The environment variables a provider's keys may come from. */
export function keyVariables(provider: string): string[] {
  const base = `${provider.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_API_KEY`;
  return provider === 'google' ? [base, 'GEMINI_API_KEY'] : [base];
}

function baseUrls(values: unknown): Record<string, string> {
  const list = Array.isArray(values) ? values : values === undefined ? [] : [values];
  return Object.fromEntries(
    list.map((v) => {
      const m = /^([^=]+)=(.+)$/.exec(String(v));
      if (!m) throw new UsageError(`--base-url must be PROVIDER=URL, got "${String(v)}"`);
      return [m[1]!, m[2]!];
    }),
  );
}

function describe(event: RoutedEvent): string | undefined {
  if (event.type === 'failed') return `[${event.model} failed (${event.kind}): ${event.message}; ${event.next}${event.delayMs !== undefined ? ` in ${Math.round(event.delayMs)} ms` : ''}]`;
  if (event.type === 'fallback') return `[falling back from ${event.from} to ${event.to}${event.resumed ? ', continuing the answer' : ''}]`;
  if (event.type === 'skipped') return `[skipped ${event.model}: ${event.reason}]`;
  return undefined;
}

export const chat: Command = {
  summary: 'send one message to a model (with fallbacks), streaming the answer',
  usage: 'llmrouter chat --model ID [--fallback ID,ID] [--catalog FILE] [--base-url PROVIDER=URL]... [--system TEXT] [--max-tokens N] [--on-cut resume|stop] [--log FILE.jsonl] "message"',
  options: {
    model: { type: 'string' },
    fallback: { type: 'string' },
    catalog: { type: 'string' },
    'base-url': { type: 'string', multiple: true },
    system: { type: 'string' },
    'max-tokens': { type: 'string' },
    'on-cut': { type: 'string' },
    log: { type: 'string' },
  },
  async run({ values, positionals }) {
    const message = positionals.join(' ').trim();
    if (!message) throw new UsageError('chat: give the message to send');
    if (typeof values.model !== 'string') throw new UsageError('missing --model');
    const onCut = values['on-cut'] ?? 'resume';
    if (onCut !== 'resume' && onCut !== 'stop') throw new UsageError(`--on-cut must be resume or stop, got "${String(onCut)}"`);
    const maxTokens = values['max-tokens'] === undefined ? undefined : Number(values['max-tokens']);
    if (maxTokens !== undefined && !(Number.isInteger(maxTokens) && maxTokens > 0)) throw new UsageError('--max-tokens must be a positive integer');
    const catalog = typeof values.catalog === 'string' ? parseCatalog(JSON.parse(await readText(values.catalog)), values.catalog) : defaultCatalog;
    const models = [values.model, ...(typeof values.fallback === 'string' ? values.fallback.split(',') : [])].map((m) => m.trim()).filter(Boolean);
    let ranked;
    try {
      ranked = models.map((m) => requireModel(catalog, m));
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const urls = baseUrls(values['base-url']);
    const keys = new KeyRing(
      Object.fromEntries(ranked.map((m) => [m.provider, keyVariables(m.provider).flatMap((v) => (process.env[v] ?? '').split(',')).map((k) => k.trim()).filter(Boolean)])),
    );
    const caller = new RoutedCaller({
      catalog: catalog.models,
      policy: { midStream: onCut },
      ...(typeof values.log === 'string' ? { sink: jsonlOutcomeSink(values.log) } : {}),
      endpoint(provider) {
        const definition = providerDefinition(provider) ?? customProvider(provider, urls[provider] ?? '');
        const baseUrl = urls[provider] ?? definition.baseUrl;
        if (!baseUrl) return undefined;
        const key = keys.next(provider);
        if (definition.keyRequired && !key) {
          process.stderr.write(`[no key for ${provider}: set ${keyVariables(provider).join(' or ')}]\n`);
          return undefined;
        }
        return { provider, wire: definition.wire, baseUrl, key, streamUsage: definition.streamUsage };
      },
    });
    const abort = new AbortController();
    process.once('SIGINT', () => abort.abort());
    const result = await caller.call({
      ranking: ranked.map((m) => ({ model: m.id })),
      messages: [...(typeof values.system === 'string' ? [{ role: 'system' as const, content: values.system }] : []), { role: 'user', content: message }],
      maxTokens,
      signal: abort.signal,
      onEvent(event) {
        if (event.type === 'token') process.stdout.write(event.text);
        const note = describe(event);
        if (note) process.stderr.write(`\n${note}\n`);
      },
    });
    process.stdout.write('\n');
    process.stderr.write(`[${result.segments.map((s) => s.model).join(' + ') || 'no model'}; $${result.cost.toFixed(6)}]\n`);
    if (result.error) throw new Error(result.error.message);
  },
};
