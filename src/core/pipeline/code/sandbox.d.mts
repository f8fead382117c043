// Types of sandbox.mjs (plain JavaScript so the Node child process runs it without a compiler).
import type { SandboxMessage } from './runner.ts';

/** Pyodide's loadPyodide with the runtime's own options (where its files are) already applied. */
export type LoadPyodide = (config: Record<string, unknown>) => Promise<unknown>;

export function serveSandbox(
  loadPyodide: LoadPyodide,
  receive: () => Promise<unknown>,
  send: (message: SandboxMessage) => void,
): Promise<void>;

export function inbox(): { push(message: unknown): void; receive(): Promise<unknown> };
