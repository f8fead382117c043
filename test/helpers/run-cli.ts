// Runs the CLI as tests need it: the `llmrouter` executable (bin/llmrouter.js) from the repository root, or its
// `main` in-process (console output captured). Neither throws; both return the exit code and what was printed.
// testServerUrls gives the flags that point the CLI's providers at the provider test server.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { vi } from 'vitest';
import { repoRoot } from '../shared-data.ts';

/** Runs `llmrouter args...` in `cwd` (the repository root by default) with `env` (this process's by default). */
export async function runCli(
  args: string[],
  { cwd = repoRoot, env = process.env }: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const bin = resolve(repoRoot, 'bin/llmrouter.js');
    const { stdout, stderr } = await promisify(execFile)('node', [bin, ...args], { cwd, env, maxBuffer: 1 << 26 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** Where the provider test server answers each wire. */
const TEST_SERVER_PATHS = { openai: '/openai/v1', local: '/local/v1', anthropic: '/anthropic/v1', gemini: '/gemini/v1beta' };

/** `--base-url` flags sending each provider named (served on the wire of its name) to the provider test server at `url`. */
export function testServerUrls(url: string, ...providers: (keyof typeof TEST_SERVER_PATHS)[]): string[] {
  return providers.flatMap((p) => ['--base-url', `${p}=${url}${TEST_SERVER_PATHS[p]}`]);
}

export async function runInProcess(
  main: (args: string[]) => Promise<number>,
  args: string[],
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [],
    err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
  try {
    return { code: await main(args), out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}
