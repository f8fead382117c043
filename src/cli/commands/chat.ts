// `llmrouter chat --model ID [--fallback ID,...] "message"`: one routed call from the command line, the
// answer streamed to stdout, fallbacks noted on stderr. Keys and base URLs: provider-endpoints.ts.
import type { Command } from '../command.ts';
import { UsageError } from '../usage-error.ts';
import { baseUrls, cliEndpoints } from '../provider-endpoints.ts';
import { defaultCatalog, parseCatalog, requireModel } from '../../core/catalog/catalog.ts';
import { RoutedCaller, type RoutedEvent } from '../../core/providers/routed-call.ts';
import { readText } from '../../platform/node/files.ts';
import { jsonlOutcomeSink } from '../../platform/node/outcome-jsonl.ts';

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
    const caller = new RoutedCaller({
      catalog: catalog.models,
      policy: { midStream: onCut },
      ...(typeof values.log === 'string' ? { sink: jsonlOutcomeSink(values.log) } : {}),
      endpoint: cliEndpoints(ranked, baseUrls(values['base-url'])),
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
