// The app's Content-Security-Policy, final from the first byte: computed at build time from the deploy config
// (deploy-config.ts) and put both into the built index.html as a <meta> and into header files for static hosts
// (`_headers` for Netlify and Cloudflare Pages, an nginx and a Caddy snippet), because a <meta> policy covers
// neither workers nor framing. Connections: the app's own origin, the known remote providers, the config's origins
// (a local server only at the exact origin named there, never any port), and the Hugging Face hub only when the
// deploy allows hub downloads. 'wasm-unsafe-eval' lets onnxruntime-web compile its WebAssembly; workers come from
// the app or blob: URLs; frames only from the app's own origin (default-src 'self': the code sandbox's page).
import { providerOrigins } from '../../core/providers/definitions.ts';
import type { DeployConfig } from './deploy-config.ts';

/** The Hugging Face hub's origins: its files and the CDNs its downloads redirect to. */
export const MODEL_HUB_ORIGINS = [
  'https://huggingface.co',
  'https://cdn-lfs.huggingface.co',
  'https://cdn-lfs.hf.co',
  'https://cdn-lfs-us-1.hf.co',
  'https://cas-bridge.xethub.hf.co',
];

const NO_EXTRAS: DeployConfig = { connectOrigins: [], modelHub: false };

/** Every origin the deploy may connect to. */
export function connectSources(config: DeployConfig = NO_EXTRAS): string[] {
  const extra = config.connectOrigins.map((o) => new URL(o).origin);
  return [...new Set(["'self'", ...providerOrigins(), ...extra, ...(config.modelHub ? MODEL_HUB_ORIGINS : [])])];
}

/** The policy of the built page (its <meta>): everything a <meta> can say. */
export function pagePolicy(config: DeployConfig = NO_EXTRAS): string {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    `connect-src ${connectSources(config).join(' ')}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/** The same policy as a header sends it, which also covers workers and forbids framing. */
export function headerPolicy(config: DeployConfig = NO_EXTRAS): string {
  return `${pagePolicy(config)}; frame-ancestors 'none'`;
}

/** The headers a host should send with every file: the policy, and cross-origin isolation for threaded WebAssembly. */
export function deployHeaders(config: DeployConfig): [string, string][] {
  return [
    ['Content-Security-Policy', headerPolicy(config)],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Cross-Origin-Embedder-Policy', 'require-corp'],
  ];
}

/** The header files shipped in the build for common static hosts, by file name. */
export function headerFiles(config: DeployConfig): Record<string, string> {
  const headers = deployHeaders(config);
  const note = 'Generated from llmrouter.config.json by the build (or `npm run csp:stamp`): edit that file, not this one.';
  const nginx = headers.map(([k, v]) => `add_header ${k} "${v}" always;`).join('\n');
  const caddy = headers.map(([k, v]) => `\t${k} "${v}"`).join('\n');
  return {
    _headers: `# ${note}\n/*\n${headers.map(([k, v]) => `  ${k}: ${v}`).join('\n')}\n`,
    'deploy/nginx-headers.conf': `# ${note}\n# Include inside the server or location block that serves the app.\n${nginx}\n`,
    'deploy/caddy-headers.caddyfile': `# ${note}\n# Import inside the site block that serves the app.\nheader {\n${caddy}\n}\n`,
  };
}

/** `html` with its Content-Security-Policy <meta> (the first one) set to `policy`. */
export function withPageMeta(html: string, policy: string): string {
  const meta = /<meta http-equiv="Content-Security-Policy" content="[^"]*">/;
  if (!meta.test(html)) throw new Error('index.html has no Content-Security-Policy <meta> to update');
  return html.replace(meta, `<meta http-equiv="Content-Security-Policy" content="${policy}">`);
}

/** The connect-src sources a policy text allows. */
export function connectSourcesOf(policy: string): string[] {
  return (
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .find((d) => d[0] === 'connect-src')
      ?.slice(1) ?? []
  );
}

/** Extra connect-src origins from a comma-separated list (the LLMROUTER_CONNECT_ORIGINS build variable). */
export function parseOrigins(list: string | undefined): string[] {
  return (list ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
