// Catalog priors for the IRT router's model abilities. A model's published benchmark figure for a skill maps onto the
// ability scale by ability = intercept[skill] + slope x logit(score): the line is fitted on the models that have both
// a figure and abilities learned from outcomes (one slope shared by every skill, never negative, so a better published
// score never lowers an ability; with no such models, ability = logit(score)). A model with no figure for a skill gets
// it from its price (a per-skill line of ability on log price, fitted on the catalog's models that have figures).
import { z } from 'zod';
import type { CatalogModel, Skill } from '../../catalog/model.ts';

export const lineSchema = z.object({ intercept: z.number(), slope: z.number().min(0) }).strict();
export type Line = z.infer<typeof lineSchema>;

export const priorMapSchema = z
  .object({
    /** Per skill: benchmark logit -> ability. */
    benchmark: z.array(lineSchema),
    /** Per skill: log blended price -> ability, for models without a figure. */
    price: z.array(lineSchema),
  })
  .strict();
export type PriorMap = z.infer<typeof priorMapSchema>;

/** Where a model's abilities came from, in the order the router prefers them. */
export const abilitySourceSchema = z.enum(['data', 'catalog', 'catalog+price', 'price']);
export type AbilitySource = z.infer<typeof abilitySourceSchema>;

/** Benchmark figures are kept away from 0 and 1 before the logit (a saturated benchmark still ranks). */
export const benchmarkLogit = (p: number) => {
  const q = Math.min(0.995, Math.max(0.005, p));
  return Math.log(q / (1 - q));
};

/** Log of the blended price (3 input : 1 output tokens), USD per million tokens. */
export const logPrice = (m: Pick<CatalogModel, 'input_price' | 'output_price'>) =>
  Math.log(0.01 + (3 * m.input_price + m.output_price) / 4);

/**
 * The benchmark-to-ability lines from models with learned abilities (`abilities[j]` per skill) and catalog
 * entries: per-skill intercepts, one shared slope (least squares within skills; at least 0).
 */
export function fitBenchmarkMap(
  skills: readonly Skill[],
  fitted: readonly { ability: ArrayLike<number>; entry: Pick<CatalogModel, 'benchmarks'> }[],
): Line[] {
  const perSkill = skills.map((skill, k) =>
    fitted.flatMap(({ ability, entry }) => {
      const figure = entry.benchmarks?.[skill];
      return figure ? [{ x: benchmarkLogit(figure.score), y: ability[k]! }] : [];
    }),
  );
  const means = perSkill.map((pts) => ({ x: mean(pts.map((p) => p.x)), y: mean(pts.map((p) => p.y)) }));
  let sxy = 0,
    sxx = 0;
  perSkill.forEach((pts, k) => {
    for (const p of pts) {
      sxy += (p.x - means[k]!.x) * (p.y - means[k]!.y);
      sxx += (p.x - means[k]!.x) ** 2;
    }
  });
  // No model of the data has figures to fit on: ability = logit(score), so a model's chance on a query of
  // difficulty 0 is its benchmark score.
  if (sxx === 0) return skills.map(() => ({ intercept: 0, slope: 1 }));
  const slope = Math.max(0, sxy / sxx);
  const allY = mean(means.filter((_, k) => perSkill[k]!.length > 0).map((m) => m.y - slope * m.x));
  return means.map((m, k) => ({ intercept: perSkill[k]!.length > 0 ? m.y - slope * m.x : allY, slope }));
}

/** Per skill, ability on log price over the catalog models with a figure for that skill (their mapped figures). */
export function fitPriceMap(skills: readonly Skill[], benchmark: readonly Line[], catalog: readonly CatalogModel[]): Line[] {
  return skills.map((skill, k) => {
    const pts = catalog.flatMap((m) => {
      const figure = m.benchmarks?.[skill];
      return figure ? [{ x: logPrice(m), y: benchmark[k]!.intercept + benchmark[k]!.slope * benchmarkLogit(figure.score) }] : [];
    });
    const mx = mean(pts.map((p) => p.x));
    const my = mean(pts.map((p) => p.y));
    const sxx = pts.reduce((a, p) => a + (p.x - mx) ** 2, 0);
    const slope = sxx > 0 ? Math.max(0, pts.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0) / sxx) : 0;
    return { intercept: pts.length > 0 ? my - slope * mx : benchmark[k]!.intercept, slope };
  });
}

/** A model's prior abilities per skill from its figures, else its price; and which it used. */
export function priorAbility(
  skills: readonly Skill[],
  map: PriorMap,
  entry: Pick<CatalogModel, 'benchmarks' | 'input_price' | 'output_price'>,
): { ability: number[]; source: AbilitySource } {
  let figures = 0;
  const ability = skills.map((skill, k) => {
    const figure = entry.benchmarks?.[skill];
    if (figure) figures++;
    const line = figure ? map.benchmark[k]! : map.price[k]!;
    return line.intercept + line.slope * (figure ? benchmarkLogit(figure.score) : logPrice(entry));
  });
  const source: AbilitySource = figures === skills.length ? 'catalog' : figures > 0 ? 'catalog+price' : 'price';
  return { ability, source };
}

function mean(xs: readonly number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
}
