// The shape of one CLI verb (its help, its flags for node:util parseArgs, what it does) and flag readers.
import type { ParseArgsConfig } from 'node:util';
import { existsSync } from 'node:fs';
import { UsageError } from './usage-error.ts';

export type FlagValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface Command {
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(args: { values: FlagValues; positionals: string[] }): Promise<void>;
}

/** A string flag the verb cannot do without. */
export function requiredFlag(values: FlagValues, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`missing --${name}`);
  return v;
}

/** A path the verb reads: it must exist. */
export function existingFile(path: string, what = 'file'): string {
  if (!existsSync(path)) throw new UsageError(`${what} not found: ${path}`);
  return path;
}

/** A numeric flag, with its default when absent. */
export function numberFlag(values: FlagValues, name: string, fallback: number): number {
  const v = values[name];
  if (v === undefined) return fallback;
  const n = Number(v);
  if (typeof v !== 'string' || !Number.isFinite(n)) throw new UsageError(`--${name} must be a number, got "${String(v)}"`);
  return n;
}
