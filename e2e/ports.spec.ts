// `npm start`'s server (vite preview) takes PORT when it is set, and only it; without PORT it moves past a port in
// use instead of failing. The Playwright run itself serves the app on a port of its own (playwright.config.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { expect, test } from '@playwright/test';
import { freePort } from '../playwright.config.ts';

const listening = (server: Server, port = 0) =>
  new Promise<number>((resolve, reject) =>
    server.once('error', reject).listen(port, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );

/** Starts `vite preview` with the environment given; resolves with the URL it prints, or its output when it exits. */
function preview(env: Record<string, string | undefined>): { child: ChildProcess; url: Promise<string> } {
  const child = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'preview'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = new Promise<string>((resolve, reject) => {
    const read = (d: Buffer) => {
      output += d.toString().replace(/\u001b\[[\d;]*m/g, '');
      const found = /Local:\s+(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (found) resolve(found[1]!);
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', () => reject(new Error(output)));
  });
  return { child, url };
}

test('the app is served on a free port of this run, not a server found there', ({ baseURL }) => {
  expect(baseURL).toBe(`http://127.0.0.1:${process.env.PW_PORT}/`);
});

test('npm start serves on PORT, refuses a PORT in use, and otherwise moves past a busy 4173', async ({ request }) => {
  const taken = createServer();
  const busy = await listening(taken);
  const free = await freePort();
  const blocker = createServer();
  const blocked4173 = await listening(blocker, 4173).then(
    () => true,
    () => false,
  ); // another checkout may hold it
  const started: ChildProcess[] = [];
  try {
    const onPort = preview({ PORT: String(free) });
    started.push(onPort.child);
    expect(await onPort.url).toBe(`http://127.0.0.1:${free}/`);
    expect((await request.get(await onPort.url)).ok()).toBe(true);

    const onBusy = preview({ PORT: String(busy) });
    started.push(onBusy.child);
    await expect(onBusy.url).rejects.toThrow(/Port \d+ is already in use/);

    const fallback = preview({ PORT: undefined });
    started.push(fallback.child);
    const url = await fallback.url;
    expect(url).not.toBe('http://127.0.0.1:4173/');
    expect((await request.get(url)).ok()).toBe(true);
  } finally {
    for (const child of started) child.kill();
    taken.close();
    if (blocked4173) blocker.close();
  }
});
