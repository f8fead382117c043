// The app's Content-Security-Policy. A static host cannot vary headers per user, so the policy is fixed
// at build time: the app's own origin, every provider origin in the provider table, local servers on
// 127.0.0.1/localhost (Ollama, LM Studio, vLLM), and any extra origins named at build time
// (LLMROUTER_CONNECT_ORIGINS, comma-separated) for a custom base URL. 'wasm-unsafe-eval' lets
// onnxruntime-web compile its WebAssembly; workers may come from the app or blob: URLs.
import { providerOrigins } from '../../core/providers/definitions.ts';

export function contentSecurityPolicy(extraOrigins: readonly string[] = []): string {
  const connect = ["'self'", ...providerOrigins(), ...extraOrigins.map((o) => new URL(o).origin), 'http://127.0.0.1:*', 'http://localhost:*'];
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
