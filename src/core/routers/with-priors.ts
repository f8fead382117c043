// A trained router that knows only some of the user's models, completed by the default router's priors for the
// rest: each query is estimated by both, the trained router's estimates kept for its own models and the default
// (irt, pointed at the other models: published benchmarks, else price) filling in the others, so a router trained on
// another set of models still routes instead of failing every message. The explanation says which model came from where.
import type { CatalogModel } from '../catalog/model.ts';
import type { Prediction, RouteQuery, Router, RouterFile, RouterInput } from './router.ts';

export interface Sources {
  /** Models the trained router estimates from its data. */
  trained: string[];
  /** Models estimated by the default router's priors. */
  priors: string[];
}

export class WithPriors implements Router {
  readonly input: RouterInput;
  readonly textTier = false;
  readonly retargetable = false;

  constructor(
    readonly base: Router,
    readonly priors: Router,
    readonly sources: Sources,
  ) {
    this.input = base.input === 'embedding' || priors.input === 'embedding' ? 'embedding' : base.input;
  }

  get name(): string {
    return `${this.base.name} + ${this.priors.name} priors`;
  }

  async fit(): Promise<void> {
    throw new Error('with-priors composes two trained routers at run time; train the routers it composes');
  }

  serve(): void {
    throw new Error(`${this.name} serves the models it was composed for`);
  }

  async predict(query: RouteQuery): Promise<Prediction> {
    const [own, filled] = await Promise.all([this.base.predict(query), this.priors.predict(query)]);
    const mine = new Set(this.sources.trained);
    return {
      estimates: [...own.estimates.filter((e) => mine.has(e.model)), ...filled.estimates],
      explanation: {
        ...own.explanation,
        features: { ...own.explanation.features, estimates_from: describeSources(this.base.name, this.priors.name, this.sources) },
      },
    };
  }

  /** The trained router's file: the composition itself is made again wherever it is used. */
  toJSON(): RouterFile {
    return this.base.toJSON();
  }
}

/** "knn trained on your data: a, b; irt priors (published benchmarks): c" */
export function describeSources(trained: string, priors: string, s: Sources): string {
  const parts = [
    s.trained.length > 0 ? `${trained} trained on data: ${s.trained.join(', ')}` : '',
    s.priors.length > 0 ? `${priors} priors (published benchmarks, else price): ${s.priors.join(', ')}` : '',
  ];
  return parts.filter(Boolean).join('; ');
}

/**
 * `router` for `wanted` models: itself when it can serve any model or knows every wanted one; else composed with
 * `openPriors()` (the default router, not yet pointed at models) for the wanted models it does not know.
 * The two must read the same embedding: a router trained with another encoder is refused, naming both.
 */
export async function withPriorsFor(
  router: Router,
  wanted: readonly CatalogModel[],
  openPriors: () => Promise<Router>,
  sameEncoder: (priors: Router) => boolean = () => true,
): Promise<Router> {
  if (router.retargetable || wanted.length === 0) return router;
  const known = new Set(router.toJSON().models);
  const missing = wanted.filter((m) => !known.has(m.id));
  if (missing.length === 0) return router;
  const priors = await openPriors();
  if (!priors.retargetable) throw new Error(`the default router "${priors.name}" cannot serve catalog models`);
  if (!sameEncoder(priors))
    throw new Error(
      `router "${router.name}" reads another encoder than the default router, ` +
        `so the default cannot fill in ${missing.map((m) => m.id).join(', ')}`,
    );
  priors.serve(missing);
  return new WithPriors(router, priors, {
    trained: wanted.filter((m) => known.has(m.id)).map((m) => m.id),
    priors: missing.map((m) => m.id),
  });
}
