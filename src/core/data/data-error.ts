// The error every reader and importer throws for bad input: it names the file, the line (or row) and the field.
import type { ZodType } from 'zod';

export interface Where {
  file: string;
  /** 1-based line in the file where the offending record starts; absent for whole-file problems. */
  line?: number;
  field?: string;
}

export class DataError extends Error {
  override readonly name = 'DataError';
  constructor(
    readonly where: Where,
    readonly problem: string,
  ) {
    const at = [where.file, where.line !== undefined ? `line ${where.line}` : '', where.field !== undefined ? `field "${where.field}"` : '']
      .filter(Boolean)
      .join(', ');
    super(`${at}: ${problem}`);
  }
}

/** Parses `value` with a zod schema; the first issue becomes a DataError naming its field. */
export function validate<T>(schema: ZodType<T>, value: unknown, where: Where): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.map(String).join('.');
  const field = [where.field, path].filter(Boolean).join('.');
  throw new DataError({ ...where, ...(field ? { field } : {}) }, issue.message);
}

/** The file name without folders and extension: the default id prefix and task name of an imported file. */
export function fileStem(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base.replace(/\.[^.]+$/, '');
}
