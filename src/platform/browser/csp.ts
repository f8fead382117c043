// The app's Content-Security-Policy. A static host cannot vary headers per user, so the policy is fixed
// at build time: the app's own origin, every provider origin in the provider table, local servers on
// 127.0.0.1/localhost (Ollama, LM Studio, vLLM), the model hub's origins (closed again at run time unless the user
// turns hub downloads on), and any extra origins named at build time
// (LLMROUTER_CONNECT_ORIGINS, comma-separated) for a custom base URL. 'wasm-unsafe-eval' lets
// onnxruntime-web compile its WebAssembly; workers may come from the app or blob: URLs.
import { providerOrigins } from '../../core/providers/definitions.ts';

/** The Hugging Face hub's origins: its files and the CDNs its downloads redirect to. In the build's policy so that
 * encoders can be downloaded by hub id; a page where the user has not turned downloads on closes them again
 * (model-hub-policy.ts). */
export const MODEL_HUB_ORIGINS = ['https://huggingface.co', 'https://cdn-lfs.huggingface.co', 'https://cdn-lfs.hf.co', 'https://cdn-lfs-us-1.hf.co', 'https://cas-bridge.xethub.hf.co'];

export function contentSecurityPolicy(extraOrigins: readonly string[] = []): string {
  const connect = ["'self'", ...providerOrigins(), ...extraOrigins.map((o) => new URL(o).origin), ...MODEL_HUB_ORIGINS, 'http://127.0.0.1:*', 'http://localhost:*'];
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    `connect-src ${[...new Set(connect)].join(' ')}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/** Extra connect-src origins from a comma-separated list (the LLMROUTER_CONNECT_ORIGINS build variable). */
export function parseOrigins(list: string | undefined): string[] {
  return (list ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/** A second policy that closes `origins` again: the connect-src of `policy` without them (a page may add policies to
 * its own, which only ever tightens it). */
export function connectSrcWithout(policy: string, origins: readonly string[]): string {
  const connect = policy.split(';').map((d) => d.trim()).find((d) => d.startsWith('connect-src '));
  if (!connect) throw new Error('the policy has no connect-src');
  return connect.split(' ').filter((source) => !origins.includes(source)).join(' ');
}

