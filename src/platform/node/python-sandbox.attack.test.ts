// Model-written code as an attacker writes it, against the Node code sandbox. Each program "passes" only if its
// attack worked, so a passed result is an escape; besides, each test looks for the attack's effect on the host: a
// command run, a file written outside the sandbox's temporary directory, a secret from the CLI's environment, a
// request that reached a local server. The sandbox must also outlive an infinite loop and a memory bomb.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodePythonRunner, sandboxFlags } from './python-runner.ts';

const SECRET = 'sk-fake-secret-for-the-attack-test-4242';
process.env.LLMROUTER_ATTACK_TEST_SECRET = SECRET;
const python = createNodePythonRunner({ timeoutMs: 8_000, memoryMb: 256 });
const outside = mkdtempSync(join(tmpdir(), 'llmrouter-attack-'));
let listener: Server;
let listenerUrl = '';
const hits: string[] = [];

beforeAll(async () => {
  listener = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.end('ok');
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  listenerUrl = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
});
afterAll(() => {
  python.close();
  listener.close();
  rmSync(outside, { recursive: true, force: true });
});

/** Python that reaches JavaScript's global object the way the attacker did, or through the loader the lockdown hides. */
const GLOBAL = `
import sys
import js
def js_global():
    try:
        return js.constructor.constructor("return globalThis")()
    except Exception:
        del sys.modules["pyodide_js"]
        import pyodide_js
        return pyodide_js.constructor.constructor("return globalThis")()
g = js_global()
def builtin(name):
    return g.process.getBuiltinModule(name) if g.process.getBuiltinModule else g.require(name)
`;

describe('the Node code sandbox under attack', { timeout: 240_000 }, () => {
  it('runs no command on the host (js.constructor escape to child_process)', async () => {
    const marker = join(outside, 'ran-a-command');
    const result = await python.run(`${GLOBAL}\nbuiltin("child_process").execSync("touch ${marker}")\n`);
    expect(result.status).not.toBe('passed');
    expect(existsSync(marker)).toBe(false);
  });

  it('writes no file outside its temporary directory, from JavaScript or by mounting the host file system', async () => {
    const viaJs = join(outside, 'written-from-js');
    const viaMount = join(outside, 'written-through-nodefs');
    const fromJs = await python.run(`${GLOBAL}\nbuiltin("fs").writeFileSync("${viaJs}", "pwned")\n`);
    const mount = [
      'import sys, js',
      'from pyodide.ffi import to_js',
      'del sys.modules["pyodide_js"]',
      'import pyodide_js',
      'm = pyodide_js._module',
      'm.FS.mkdirTree("/host")',
      `m.FS.mount(m.FS.filesystems.NODEFS, to_js({"root": "${outside}"}, dict_converter=js.constructor.fromEntries), "/host")`,
      'open("/host/written-through-nodefs", "w").write("pwned")',
    ].join('\n');
    const fromMount = await python.run(mount);
    expect([fromJs.status, fromMount.status]).not.toContain('passed');
    expect(existsSync(viaJs)).toBe(false);
    expect(existsSync(viaMount)).toBe(false);
  });

  it("cannot read the CLI's environment", async () => {
    const attempts = [
      `${GLOBAL}\nraise Exception("env=" + str(g.process.env.LLMROUTER_ATTACK_TEST_SECRET))\n`,
      'import os\nraise Exception("env=" + str(os.environ.get("LLMROUTER_ATTACK_TEST_SECRET")))\n',
    ];
    for (const attempt of attempts) {
      const result = await python.run(attempt);
      expect(result.status).not.toBe('passed');
      expect(JSON.stringify(result)).not.toContain(SECRET);
    }
  });

  it('sends nothing to a local server (fetch, http, sockets, urllib)', async () => {
    const attempts = [
      `${GLOBAL}\ng.fetch("${listenerUrl}/fetch")\n`,
      `${GLOBAL}\nbuiltin("http").get("${listenerUrl}/http")\n`,
      `${GLOBAL}\nbuiltin("ws")("${listenerUrl.replace('http', 'ws')}/ws")\n`,
      `import socket\ns = socket.create_connection(("127.0.0.1", ${listenerUrl.split(':').pop()}))\ns.sendall(b"GET /socket HTTP/1.0\\r\\n\\r\\n")\n`,
      `import urllib.request\nurllib.request.urlopen("${listenerUrl}/urllib")\n`,
      `from pyodide.http import open_url\nopen_url("${listenerUrl}/open_url")\n`,
    ];
    for (const attempt of attempts) expect((await python.run(attempt)).status).not.toBe('passed');
    // A request sent in the background has had a whole interpreter start (the next program) to arrive.
    expect(await python.run('assert 1 + 1 == 2')).toEqual({ status: 'passed' });
    expect(hits).toEqual([]);
  });

  it('stops an infinite loop and a memory bomb, and goes on with the next answer', async () => {
    expect((await python.run('while True: pass')).status).toBe('timeout');
    expect((await python.run('x = [0] * (1 << 28)')).status).toBe('memory');
    // Growing the heap chunk by chunk is stopped by the memory cap, or by the clock on a loaded machine.
    expect(['memory', 'timeout']).toContain((await python.run('chunks = []\nwhile True: chunks.append(bytearray(16 << 20))')).status);
    expect(await python.run('assert sum(range(10)) == 45')).toEqual({ status: 'passed' });
  });

  it('holds at the process boundary even for JavaScript, were an escape to JavaScript found', () => {
    const work = mkdtempSync(join(tmpdir(), 'llmrouter-attack-work-'));
    const attempts = {
      command: 'require("node:child_process").execSync("id")',
      writeOutside: `require("node:fs").writeFileSync("${join(outside, 'from-js')}", "x")`,
      readOutside: `require("node:fs").readFileSync("${join(process.cwd(), 'package.json')}")`,
      worker: 'new (require("node:worker_threads").Worker)("1", { eval: true })',
      codeFromString: 'new Function("return 1")()',
    };
    const script = `const out = {}; for (const [k, v] of Object.entries(${JSON.stringify(attempts)})) { try { eval(v); out[k] = "done"; } catch (e) { out[k] = "refused"; } } out.env = Object.keys(process.env).length; out.writeInside = (() => { try { require("node:fs").writeFileSync("${join(work, 'ok')}", "x"); return "done"; } catch { return "refused"; } })(); console.log(JSON.stringify(out));`;
    // -e is itself code from a string: run it without that one flag to test the others.
    const flags = sandboxFlags(work).filter((f) => f !== '--disallow-code-generation-from-strings');
    const run = spawnSync(process.execPath, [...flags, '-e', script], { cwd: work, env: {}, encoding: 'utf8' });
    rmSync(work, { recursive: true, force: true });
    expect(JSON.parse(run.stdout)).toEqual({
      command: 'refused',
      writeOutside: 'refused',
      readOutside: 'refused',
      worker: 'refused',
      codeFromString: 'done',
      env: 0,
      writeInside: 'done',
    });
  });

  it("leaves nothing for the next answer: one answer's patches do not change another's score", async () => {
    expect(
      await python.run('import builtins, math\nbuiltins.sorted = lambda *a, **k: [42]\nmath.isclose = lambda *a, **k: True\n'),
    ).toEqual({ status: 'passed' });
    expect((await python.run('import math\nassert math.isclose(1.0, 2.0)')).status).toBe('failed');
    expect((await python.run('assert sorted([2, 1]) == [42]')).status).toBe('failed');
  });
});
