// Dictionaries keyed by names read from files (models, tasks): null-prototype objects, so a name such as `__proto__`,
// `constructor` or `toString` is a key like any other, never the object's prototype nor a member it inherits.
import { z, type ZodType } from 'zod';

/** An empty dictionary for names read from files. */
export function nameMap<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** The entry under `name` when the record itself holds one; never a member inherited from Object.prototype. */
export function own<T>(record: Readonly<Record<string, T>>, name: string): T | undefined {
  return Object.hasOwn(record, name) ? record[name] : undefined;
}

/** `z.record(z.string(), value)` that keeps every name (zod's drops `__proto__`), in a null-prototype object. */
export function namedRecord<T extends ZodType>(value: T) {
  return z
    .custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), 'Invalid input: expected record')
    .transform((input, ctx) => {
      const out = nameMap<z.output<T>>();
      for (const [name, entry] of Object.entries(input)) {
        const parsed = value.safeParse(entry);
        if (parsed.success) out[name] = parsed.data;
        else for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: [name, ...issue.path] });
      }
      return out;
    });
}
