// `npm run csp:stamp -- <site folder> [--connect https://a.example,http://127.0.0.1:11434] [--model-hub on|off]`:
// re-stamps a built site's Content-Security-Policy from its llmrouter.config.json (after merging the options given
// into that file), as a rebuild with that config would (src/platform/node/deploy-stamp.ts).
import { parseArgs } from 'node:util';
import { siteConfig, stampSite } from '../src/platform/node/deploy-stamp.ts';
import { parseOrigins } from '../src/platform/browser/csp.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { connect: { type: 'string' }, 'model-hub': { type: 'string' } },
});
const dir = positionals[0];
if (!dir || (values['model-hub'] && !['on', 'off'].includes(values['model-hub']))) {
  console.error('usage: npm run csp:stamp -- <site folder> [--connect ORIGIN,...] [--model-hub on|off]');
  process.exit(2);
}
const config = siteConfig(dir, {
  connectOrigins: parseOrigins(values.connect),
  ...(values['model-hub'] ? { modelHub: values['model-hub'] === 'on' } : {}),
});
stampSite(dir, config);
console.log(`${dir}: policy stamped for ${JSON.stringify(config)}`);
