// The connections this page may make, installed before the app starts: the deploy config's origins become a
// connect-src policy added to the page (it narrows the static policy, never widens it), and a blocked origin
// is explained with the exact way to allow it.
import { connectDirective, connectSources } from './csp.ts';
import { DEPLOY_CONFIG_FILE, readDeployConfig } from './deploy-config.ts';

let sources: string[] | undefined;

/** Reads the deploy config and adds its connect-src policy as a <meta> (not in development, where Vite serves the page). */
export async function installConnectPolicy(): Promise<void> {
  const { origins, problem } = await readDeployConfig(document.baseURI);
  if (problem) console.warn(`llmrouter-web: no extra connection origins: ${problem}`);
  const meta = document.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = connectDirective(origins);
  document.head.append(meta);
  sources = connectSources(origins);
}

/** The origin of `url` when the installed policy blocks connecting to it; undefined when allowed (or none is installed). */
export function blockedOrigin(url: string): string | undefined {
  if (!sources || !URL.canParse(url)) return undefined;
  const target = new URL(url);
  const allowed = sources.some((source) => {
    if (source === "'self'") return target.origin === location.origin;
    if (source.endsWith(':*')) return `${target.protocol}//${target.hostname}` === source.slice(0, -2);
    return target.origin === source;
  });
  return allowed ? undefined : target.origin;
}

/** Why a call to `origin` cannot leave this page, and the exact change that allows it. */
export function connectBlockedHint(origin: string): string {
  return (
    `blocked by this app's Content-Security-Policy: ${origin} is not an allowed connection. ` +
    `To allow it, add it to ${DEPLOY_CONFIG_FILE} next to index.html on your host: {"connectOrigins": ["${origin}"]} (no rebuild), ` +
    `or build with LLMROUTER_CONNECT_ORIGINS=${origin}`
  );
}
