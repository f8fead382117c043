// The gateway's one configuration file (YAML or JSON), validated with zod: models, providers and their base
// URLs, provider keys (a dictionary of key lists per provider, as LLMRouter takes them, or environment
// variable names), router files, budgets, client tokens. A bad file is refused with the field named.
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { catalogModelSchema } from '../core/catalog/model.ts';
import { DEFAULT_LAMBDA } from '../core/routers/decide.ts';
import { readText } from '../platform/node/files.ts';

const names = z.union([z.string().min(1), z.array(z.string().min(1))]).transform((v) => (Array.isArray(v) ? v : [v]));

const providerSchema = z.strictObject({
  base_url: z.url().optional(),
  wire: z.enum(['openai', 'anthropic', 'gemini']).optional(),
  /** Environment variables holding this provider's keys (each may hold several, comma-separated). */
  key_env: names.optional(),
});

const routerSchema = z.strictObject({
  /** A router file written by `llmrouter train` (relative to the configuration file). */
  file: z.string().min(1),
  /** The default cost knob of this router's virtual model (default: the app's). */
  lambda: z.number().min(0).default(DEFAULT_LAMBDA),
  /** The models it may pick (default: every model it knows that the catalog has). */
  allowed: z.array(z.string().min(1)).optional(),
});

export const configSchema = z.strictObject({
  server: z
    .strictObject({
      host: z.string().default('127.0.0.1'),
      port: z.number().int().min(0).max(65535).default(8080),
      /** Chat calls held at once (running or waiting for a provider slot); past it, 429 with Retry-After. */
      max_in_flight: z.number().int().positive().default(1024),
      /** The gateway's own log (pino, JSON on stdout): warn shows failures, info adds start and stop. */
      log_level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('warn'),
    })
    .prefault({}),
  /** A catalog file replacing the shipped one (relative to the configuration file). */
  catalog: z.string().optional(),
  /** Models added to the catalog (or replacing the entry with the same id). */
  models: z.array(catalogModelSchema).default([]),
  providers: z.record(z.string(), providerSchema).default({}),
  /** Provider keys as a dictionary of key lists per provider (LLMRouter's convention); rotated round-robin. */
  api_keys: z.record(z.string(), z.array(z.string().min(1))).default({}),
  routers: z.record(z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i, 'router names are letters, digits, . _ -'), routerSchema).default({}),
  budgets: z
    .strictObject({
      daily_usd: z.number().positive().optional(),
      monthly_usd: z.number().positive().optional(),
      /** With Redis: how long a reservation outlives a gateway that died mid-call (renewed while the call lives). */
      lease_ms: z.number().int().min(300).default(30_000),
    })
    .prefault({}),
  /** Bearer tokens clients must send; a request without one of them gets 401. */
  client_tokens: z.array(z.string().min(8, 'client tokens must be at least 8 characters')).default([]),
  /** Environment variables holding more client tokens (comma-separated). */
  client_token_env: names.optional(),
  /** Every attempt and every routed call, appended as JSONL (relative to the configuration file). */
  log: z.string().optional(),
  policy: z
    .strictObject({
      retries: z.number().int().min(0).max(5).default(1),
      timeout_ms: z.number().int().positive().default(30_000),
      mid_stream: z.enum(['resume', 'stop']).default('resume'),
      concurrency: z.number().int().positive().default(64),
      /** max_tokens sent when a client gives none: what a budget reserves for such a call. */
      default_max_tokens: z.number().int().positive().default(4096),
    })
    .prefault({}),
  breaker: z
    .strictObject({ threshold: z.number().int().positive().default(3), cooldown_ms: z.number().int().positive().default(30_000) })
    .prefault({}),
  /** Add the routers' estimates to answers as an `llmrouter` field. */
  explain: z.boolean().default(true),
});

export type GatewayConfig = z.infer<typeof configSchema>;

/** Validates parsed configuration; the error names the field (`routers.knn.file: ...`). */
export function parseConfig(value: unknown, source = 'config'): GatewayConfig {
  const result = configSchema.safeParse(value);
  if (result.success) return result.data;
  const lines = result.error.issues
    .slice(0, 5)
    .map((issue) => `${source}: field "${issue.path.join('.') || '(top level)'}": ${issue.message}`);
  throw new Error(lines.join('\n'));
}

/** Reads a configuration file (YAML, of which JSON is a subset) and resolves its paths against its folder. */
export async function loadConfig(path: string): Promise<GatewayConfig> {
  let value: unknown;
  try {
    value = parseYaml(await readText(path));
  } catch (e) {
    throw new Error(`${path}: not YAML or JSON (${(e as Error).message.split('\n')[0]})`);
  }
  const config = parseConfig(value, path);
  const here = (file: string) => resolve(dirname(path), file);
  return {
    ...config,
    ...(config.catalog ? { catalog: here(config.catalog) } : {}),
    ...(config.log ? { log: here(config.log) } : {}),
    routers: Object.fromEntries(Object.entries(config.routers).map(([name, r]) => [name, { ...r, file: here(r.file) }])),
  };
}

/** Every value of the named environment variables, split on commas. */
export function fromEnv(variables: readonly string[] | undefined, env: NodeJS.ProcessEnv = process.env): string[] {
  return (variables ?? [])
    .flatMap((v) => (env[v] ?? '').split(','))
    .map((k) => k.trim())
    .filter(Boolean);
}
