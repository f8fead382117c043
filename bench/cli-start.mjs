// `npm run bench:cli`: how fast the compiled CLI answers. `llmrouter --help` and `llmrouter route` with a warm model
// cache (the default irt over two catalog models; one unmeasured run first), each the minimum and median of 5 runs,
// beside a bare `node -e 0` on the same machine. Writes bench/results/cli-start.json.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = `${root}bin/llmrouter.js`;
const RUNS = 5;

function seconds(args) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    execFileSync(process.execPath, args, { cwd: root, stdio: 'ignore' });
    times.push((performance.now() - started) / 1000);
  }
  times.sort((a, b) => a - b);
  return { min: Number(times[0].toFixed(3)), median: Number(times[Math.floor(RUNS / 2)].toFixed(3)), runs: RUNS };
}

const route = [bin, 'route', '--allowed', 'gpt-5-nano,gpt-5', 'Prove that there are infinitely many primes.'];
execFileSync(process.execPath, route, { cwd: root, stdio: 'ignore' });
const results = {
  node_e_0: seconds(['-e', '0']),
  help: seconds([bin, '--help']),
  route_warm: seconds(route),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version, load: loadavg().map((l) => Number(l.toFixed(2))) },
  at: new Date().toISOString(),
};
writeFileSync(`${root}bench/results/cli-start.json`, `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));
