// The deploy's configuration, llmrouter.config.json: the extra origins custom providers are reached at (a local
// server only by its exact origin, e.g. "http://127.0.0.1:11434") and whether the encoder may download from the
// Hugging Face hub. Read at BUILD time: it becomes the final Content-Security-Policy of the built index.html and of
// the header files for static hosts (csp.ts). Changing it on a host means rebuilding, or re-stamping the built site
// with `npm run csp:stamp -- <dir>` (scripts/csp-stamp.ts), which rewrites the policy everywhere from the file there.
import { z } from 'zod';

export const DEPLOY_CONFIG_FILE = 'llmrouter.config.json';

export interface DeployConfig {
  /** Origins (scheme, host and port) of custom OpenAI-compatible servers, local ones included. */
  connectOrigins: string[];
  /** Whether the encoder may download models from the Hugging Face hub (its origins join the policy). */
  modelHub: boolean;
}

const configSchema = z.strictObject({
  connectOrigins: z.array(z.string()),
  modelHub: z.boolean().optional(),
});

/** The config a file holds, each origin checked to be one plain http(s) origin; throws naming a bad entry. */
export function parseDeployConfig(value: unknown): DeployConfig {
  const parsed = configSchema.safeParse(value);
  if (!parsed.success) {
    throw new Error(
      `${DEPLOY_CONFIG_FILE}: expected {"connectOrigins": ["https://host", ...], "modelHub": false} (${parsed.error.issues[0]!.message})`,
    );
  }
  return { connectOrigins: parsed.data.connectOrigins.map(checkedOrigin), modelHub: parsed.data.modelHub ?? false };
}

function checkedOrigin(entry: string): string {
  const url = URL.canParse(entry) ? new URL(entry) : undefined;
  if (!url || !['https:', 'http:'].includes(url.protocol) || url.hostname.includes('*') || url.origin === 'null') {
    throw new Error(`${DEPLOY_CONFIG_FILE}: "${entry}" is not an http(s) origin such as https://llm.example.com (no wildcards)`);
  }
  return url.origin;
}
