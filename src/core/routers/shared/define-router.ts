// Turns a router class and its option/state schemas into the registry's entry: `create` checks the
// options (defaults filled in), `load` checks the file and restores the trained state.
import type { z } from 'zod';
import type { RouterContext, RouterEntry } from '../registry.ts';
import type { RouterFile } from '../router.ts';
import type { TrainedRouter } from './base-router.ts';
import { parseOrThrow } from './router-file.ts';

export interface RouterSpec<Options extends object, State> {
  name: string;
  description: string;
  input: RouterEntry['input'];
  options: z.ZodType<Options, unknown>;
  state: z.ZodType<State>;
  build(name: string, options: Options, context: RouterContext): TrainedRouter<Options, State>;
  evaluationOnly?: boolean;
}

export function defineRouter<Options extends object, State>(spec: RouterSpec<Options, State>): RouterEntry {
  const options = (raw: unknown) => parseOrThrow(spec.options, raw ?? {}, `${spec.name} options`);
  return {
    description: spec.description,
    optionDefaults: () => optionDefaults(spec.options),
    input: spec.input,
    evaluationOnly: spec.evaluationOnly ?? false,
    create: (raw, context = {}) => spec.build(spec.name, options(raw), context),
    load: (file: RouterFile, context = {}) => spec.build(spec.name, options(file.options), context).restore(file, spec.state),
  };
}

/** Each field of an object schema with the value it takes when left out: its default, or "optional" / "required". */
function optionDefaults(schema: z.ZodType): Record<string, unknown> {
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape ?? {};
  return Object.fromEntries(
    Object.entries(shape).map(([name, field]) => {
      const r = field.safeParse(undefined);
      return [name, !r.success ? 'required' : r.data === undefined ? 'optional' : r.data];
    }),
  );
}
