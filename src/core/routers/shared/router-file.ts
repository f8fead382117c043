// Reading and writing router files: the versioned envelope, Float32Array packing, and validation
// errors that say which field of which router file is wrong.
import { z } from 'zod';
import type { RouterFile } from '../router.ts';
import { decodeF32, encodeF32 } from './vectors.ts';
import { encoderRecordSchema } from '../../embed/encoder-record.ts';

export const ROUTER_FORMAT = 'llmrouter-web/router';
export const ROUTER_VERSION = 1;

const envelopeSchema = z.object({
  format: z.literal(ROUTER_FORMAT),
  version: z.literal(ROUTER_VERSION),
  router: z.string().min(1),
  options: z.record(z.string(), z.unknown()),
  models: z.array(z.string().min(1)).min(1),
  state: z.unknown(),
  encoder: encoderRecordSchema.optional(),
});

/** Parses `value` with `schema`, or throws one error listing each wrong field as `what.path: problem`. */
export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const problems = r.error.issues.map((i) => `${[what, ...i.path.map(String)].join('.')}: ${i.message}`);
  throw new Error(`invalid ${what}: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`);
}

/** Checks the envelope of something claimed to be a router file; the state is checked by its router. */
export function parseEnvelope(value: unknown): RouterFile<unknown, Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || (value as { format?: unknown }).format !== ROUTER_FORMAT) {
    throw new Error(`not a router file: expected an object with "format": "${ROUTER_FORMAT}"`);
  }
  const v = (value as { version?: unknown }).version;
  if (v !== ROUTER_VERSION)
    throw new Error(`router file version ${String(v)} is not supported (this build reads version ${ROUTER_VERSION})`);
  return parseOrThrow(envelopeSchema, value, 'router file') as RouterFile<unknown, Record<string, unknown>>;
}

/** A router file around a state already made plain JSON (`pack`): the one envelope every router kind writes. */
export function routerFile(router: string, options: unknown, models: readonly string[], state: unknown): RouterFile {
  return { format: ROUTER_FORMAT, version: ROUTER_VERSION, router, options, models: [...models], state };
}

/** The state of a router file written whole by `routerFile(..., pack(state))` (online and feedback routers), checked. */
export function fileState<T>(file: RouterFile, schema: z.ZodType<T>): T {
  return parseOrThrow(schema, unpack(file.state), 'router file state');
}

/** Replaces every Float32Array (at any depth) by `{ f32: base64 }`, so the state is plain JSON. */
export function pack(value: unknown): unknown {
  if (value instanceof Float32Array) return { f32: encodeF32(value) };
  if (Array.isArray(value)) return value.map(pack);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, pack(v)]));
  return value;
}

/** The inverse of `pack`. */
export function unpack(value: unknown): unknown {
  if (value instanceof Float32Array) return value;
  if (Array.isArray(value)) return value.map(unpack);
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    const f32 = (value as { f32?: unknown }).f32;
    if (keys.length === 1 && typeof f32 === 'string') return decodeF32(f32);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unpack(v)]));
  }
  return value;
}

/** A zod schema for a Float32Array of any length. */
export const f32 = z.custom<Float32Array>((v) => v instanceof Float32Array, {
  message: 'expected a packed float32 array ({"f32": base64})',
});

/** Throws a named error unless `array` has `length` entries. */
export function expectLength(array: ArrayLike<unknown>, length: number, field: string): void {
  if (array.length !== length) throw new Error(`invalid router file: state.${field} has ${array.length} values, expected ${length}`);
}
