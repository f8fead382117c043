// Re-stamps a built site with its deploy config: after whoever deploys edits llmrouter.config.json in the built
// folder (another provider origin, hub downloads on or off), this rewrites the policy wherever it is fixed: the
// <meta> of index.html, the header files for static hosts, and index.html's revision in the service worker's
// precache list (so installed copies fetch the new page). The same as a rebuild with that config, in milliseconds.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { headerFiles, pagePolicy, withPageMeta } from '../browser/csp.ts';
import { DEPLOY_CONFIG_FILE, parseDeployConfig, type DeployConfig } from '../browser/deploy-config.ts';

/** The site's config with `extra` merged in (origins added, hub downloads turned on when asked). */
export function siteConfig(dir: string, extra: Partial<DeployConfig> = {}): DeployConfig {
  const file = join(dir, DEPLOY_CONFIG_FILE);
  const config = existsSync(file) ? parseDeployConfig(JSON.parse(readFileSync(file, 'utf8'))) : { connectOrigins: [], modelHub: false };
  return parseDeployConfig({
    connectOrigins: [...new Set([...config.connectOrigins, ...(extra.connectOrigins ?? [])])],
    modelHub: extra.modelHub ?? config.modelHub,
  });
}

export function stampSite(dir: string, config: DeployConfig): void {
  writeFileSync(join(dir, DEPLOY_CONFIG_FILE), `${JSON.stringify(config, null, 2)}\n`);
  const html = withPageMeta(readFileSync(join(dir, 'index.html'), 'utf8'), pagePolicy(config));
  writeFileSync(join(dir, 'index.html'), html);
  for (const [name, text] of Object.entries(headerFiles(config))) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const sw = join(dir, 'sw.js');
  if (!existsSync(sw)) return;
  const revision = createHash('md5').update(html).digest('hex');
  writeFileSync(sw, readFileSync(sw, 'utf8').replace(/(url:"index\.html",revision:")[0-9a-f]+"/, `$1${revision}"`));
}
