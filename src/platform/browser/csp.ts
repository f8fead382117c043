// The app's Content-Security-Policy. Connections are limited to the app's own origin, every provider origin
// in the provider table, local servers on 127.0.0.1/localhost (Ollama, LM Studio, vLLM), and the extra origins
// of custom base URLs, named at deploy time in llmrouter.config.json (deploy-config.ts) or at build time
// (LLMROUTER_CONNECT_ORIGINS, comma-separated, which becomes that file's default). 'wasm-unsafe-eval' lets
// onnxruntime-web compile its WebAssembly; workers may come from the app or blob: URLs.
import { providerOrigins } from '../../core/providers/definitions.ts';

export function contentSecurityPolicy(extraOrigins: readonly string[] = []): string {
  return policyWith(connectDirective(extraOrigins));
}

/** Every origin the app may connect to: itself, the providers, local servers and the extra origins given. */
export function connectSources(extraOrigins: readonly string[] = []): string[] {
  return [...new Set(["'self'", ...providerOrigins(), ...extraOrigins.map((o) => new URL(o).origin), 'http://127.0.0.1:*', 'http://localhost:*'])];
}

/** The connect-src directive alone: what the app adds as a second policy once it has read its deploy config. */
export function connectDirective(extraOrigins: readonly string[] = []): string {
  return `connect-src ${connectSources(extraOrigins).join(' ')}`;
}

/**
 * The policy the static page carries from its first byte: every directive as strict as the full policy, but
 * connections left open until the app adds `connectDirective` for the deploy config's origins (policies
 * intersect, so from then on only those connect).
 */
export function bootPolicy(): string {
  return policyWith("connect-src 'self' https: http:");
}

/** The full policy as a server we run sends it: framing forbidden too, which only a header can say. */
export function headerPolicy(extraOrigins: readonly string[] = []): string {
  return `${contentSecurityPolicy(extraOrigins)}; frame-ancestors 'none'`;
}

function policyWith(connect: string): string {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    connect,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/** Extra connect-src origins from a comma-separated list (the LLMROUTER_CONNECT_ORIGINS build variable). */
export function parseOrigins(list: string | undefined): string[] {
  return (list ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}
