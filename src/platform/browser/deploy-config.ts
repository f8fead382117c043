// The deploy-time configuration a static host serves beside index.html (llmrouter.config.json), read before
// the app starts: the extra origins custom providers may be reached at. Whoever deploys edits the file, no
// rebuild needed; the build writes it with the LLMROUTER_CONNECT_ORIGINS origins as its default.
import { z } from 'zod';

export const DEPLOY_CONFIG_FILE = 'llmrouter.config.json';

const configSchema = z.strictObject({
  /** Origins (scheme, host and port) of custom OpenAI-compatible servers, e.g. "https://llm.example.com". */
  connectOrigins: z.array(z.string()),
});

/** The origins a config names, each checked to be one plain http(s) origin; throws naming a bad entry. */
export function parseDeployConfig(value: unknown): string[] {
  const parsed = configSchema.safeParse(value);
  if (!parsed.success) throw new Error(`${DEPLOY_CONFIG_FILE}: expected {"connectOrigins": ["https://host", ...]} (${parsed.error.issues[0]!.message})`);
  return parsed.data.connectOrigins.map(checkedOrigin);
}

function checkedOrigin(entry: string): string {
  const url = URL.canParse(entry) ? new URL(entry) : undefined;
  if (!url || !['https:', 'http:'].includes(url.protocol) || url.hostname.includes('*') || url.origin === 'null') {
    throw new Error(`${DEPLOY_CONFIG_FILE}: "${entry}" is not an http(s) origin such as https://llm.example.com (no wildcards)`);
  }
  return url.origin;
}

/** The config the host serves, or no extra origins (with the reason) when it is missing or invalid. */
export async function readDeployConfig(base: string, fetchImpl: typeof fetch = fetch): Promise<{ origins: string[]; problem?: string }> {
  try {
    const response = await fetchImpl(new URL(DEPLOY_CONFIG_FILE, base), { cache: 'no-store' });
    if (!response.ok) return { origins: [], problem: `${DEPLOY_CONFIG_FILE}: HTTP ${response.status}` };
    return { origins: parseDeployConfig(await response.json()) };
  } catch (e) {
    return { origins: [], problem: (e as Error).message };
  }
}
