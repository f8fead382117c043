// The connections this page may make: the final policy is the one the built index.html carries (csp.ts, from the
// deploy config at build time); at start the app reads it back, and while the user has hub downloads off it adds a
// second connect-src without the hub's origins (policies intersect: it narrows, never widens). A provider origin
// outside the policy is explained with what whoever deploys the app must change.
import { connectSourcesOf, MODEL_HUB_ORIGINS } from './csp.ts';
import { DEPLOY_CONFIG_FILE } from './deploy-config.ts';

let sources: string[] | undefined;

const pageMetas = () => [...document.querySelectorAll<HTMLMetaElement>('meta[http-equiv="Content-Security-Policy"]')];

/** Reads the page's policy; narrows it to exclude the model hub unless the user allows downloads from it. */
export function installConnectPolicy(hubDownloadsOn: boolean): void {
  const policy = pageMetas()[0]?.content;
  if (policy === undefined) return;
  sources = connectSourcesOf(policy);
  if (hubDownloadsOn || !sources.some((s) => MODEL_HUB_ORIGINS.includes(s))) return;
  sources = sources.filter((s) => !MODEL_HUB_ORIGINS.includes(s));
  const meta = document.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = `connect-src ${sources.join(' ')}`;
  document.head.append(meta);
}

/** Whether this deploy's policy admits the model hub at all (llmrouter.config.json's "modelHub"). */
export function deployAllowsModelHub(): boolean {
  const policy = pageMetas()[0]?.content;
  return policy === undefined || connectSourcesOf(policy).includes(MODEL_HUB_ORIGINS[0]!);
}

/** The origin of `url` when the installed policy blocks connecting to it; undefined when allowed (or none is installed). */
export function blockedOrigin(url: string): string | undefined {
  if (!sources || !URL.canParse(url)) return undefined;
  const target = new URL(url);
  const allowed = sources.some((source) => (source === "'self'" ? target.origin === location.origin : target.origin === source));
  return allowed ? undefined : target.origin;
}

/** Why a call to `origin` cannot leave this page, and what whoever deploys the app changes to allow it. */
export function connectBlockedHint(origin: string): string {
  return (
    `blocked by this app's Content-Security-Policy: ${origin} is not an allowed connection. ` +
    `The policy is fixed when the app is built, so no setting here can change it. Whoever deploys the app adds ` +
    `"${origin}" to "connectOrigins" in ${DEPLOY_CONFIG_FILE} and rebuilds (npm run build), or re-stamps the built site ` +
    `(npm run csp:stamp -- <site folder>); the command-line llmrouter can reach it meanwhile`
  );
}
