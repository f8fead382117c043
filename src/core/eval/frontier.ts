// The cost-quality frontier of a router's (cost, quality) points and the DESIGN.md metrics on it, as
// RouterBench's evaluation/AIQ.py computes them. The hull: every point's cost, the quality raised to the
// upper convex hull of all points there, the cheapest point first, the dearest point only when it does
// not fall below the hull before it, then every point lower than the one before dropped (a costlier
// setting never lowers quality); between hull points quality is linear (two settings mixed at random).
// AIQ: the area under each router's hull, extended flat to one maximum cost shared by every router
// compared (the largest hull cost among them), divided by that maximum cost. Where RouterBench's code
// is undefined (several points at the cheapest or dearest cost, or only two distinct costs) the best of
// the tied points is taken and the two ends are joined.

export interface CurvePoint {
  cost: number;
  quality: number;
}

/** RouterBench's non-decreasing convex hull, cheapest first. */
export function frontier(points: readonly CurvePoint[]): CurvePoint[] {
  const distinct = bestPerCost(points);
  if (distinct.length <= 1) return distinct;
  const upper = upperHull(distinct);
  const first = distinct[0]!;
  const last = distinct.at(-1)!;
  const inner = distinct.slice(1, -1).map((p) => ({ cost: p.cost, quality: hullAt(upper, p.cost) }));
  const before = inner.at(-1) ?? first;
  const hull = [first, ...inner, ...(last.quality >= before.quality ? [last] : [])];
  return hull.filter((p, i) => i === 0 || p.quality >= hull[i - 1]!.quality);
}

/** One point per distinct cost (the best quality there), cheapest first. */
function bestPerCost(points: readonly CurvePoint[]): CurvePoint[] {
  const sorted = [...points].sort((a, b) => a.cost - b.cost || b.quality - a.quality);
  return sorted.filter((p, i) => i === 0 || p.cost !== sorted[i - 1]!.cost);
}

/** The upper convex hull's vertices (Andrew's monotone chain) of points sorted by cost. */
function upperHull(sorted: readonly CurvePoint[]): CurvePoint[] {
  const hull: CurvePoint[] = [];
  for (const p of sorted) {
    while (hull.length >= 2) {
      const [a, b] = [hull.at(-2)!, hull.at(-1)!];
      const cross = (b.cost - a.cost) * (p.quality - a.quality) - (b.quality - a.quality) * (p.cost - a.cost);
      if (cross >= 0) hull.pop();
      else break;
    }
    hull.push(p);
  }
  return hull;
}

/** The hull's quality at a cost inside its range. */
function hullAt(hull: readonly CurvePoint[], cost: number): number {
  const i = hull.findIndex((p) => p.cost >= cost);
  const [a, b] = [hull[i - 1]!, hull[i]!];
  return b.cost === cost ? b.quality : a.quality + ((b.quality - a.quality) * (cost - a.cost)) / (b.cost - a.cost);
}

/** Best hull quality at a cost no higher than `cost` (null when even the cheapest point costs more). */
export function qualityAtCost(hull: readonly CurvePoint[], cost: number): number | null {
  if (hull.length === 0 || cost < hull[0]!.cost) return null;
  for (let i = 1; i < hull.length; i++) {
    const [a, b] = [hull[i - 1]!, hull[i]!];
    if (cost <= b.cost) return a.quality + ((b.quality - a.quality) * (cost - a.cost)) / (b.cost - a.cost || 1);
  }
  return hull.at(-1)!.quality;
}

/** Least hull cost reaching `quality` (null when never reached). */
export function costAtQuality(hull: readonly CurvePoint[], quality: number): number | null {
  if (hull.length === 0 || hull.at(-1)!.quality < quality) return null;
  if (hull[0]!.quality >= quality) return hull[0]!.cost;
  for (let i = 1; i < hull.length; i++) {
    const [a, b] = [hull[i - 1]!, hull[i]!];
    if (b.quality >= quality) return a.cost + ((b.cost - a.cost) * (quality - a.quality)) / (b.quality - a.quality);
  }
  return null;
}

/** The largest hull cost among the curves compared: the shared end of every AIQ. */
export function sharedMaxCost(curves: readonly (readonly CurvePoint[])[]): number {
  return Math.max(...curves.map((c) => frontier(c).at(-1)?.cost ?? 0));
}

/**
 * RouterBench's Average Improvement in Quality: the trapezoid area under the hull from its cheapest point,
 * extended flat to `maxCost` (default: the hull's own end), over `maxCost`.
 */
export function aiq(points: readonly CurvePoint[], maxCost?: number): number {
  const hull = frontier(points);
  if (hull.length === 0) return 0;
  const end = hull.at(-1)!;
  const max = maxCost ?? end.cost;
  if (max < end.cost) throw new Error(`AIQ: the shared maximum cost ${max} is below this router's hull end ${end.cost}`);
  if (max <= 0) return end.quality;
  let area = end.quality * (max - end.cost);
  for (let i = 1; i < hull.length; i++) {
    const [a, b] = [hull[i - 1]!, hull[i]!];
    area += ((a.quality + b.quality) / 2) * (b.cost - a.cost);
  }
  return area / max;
}

/** AIQ of every curve over the one cost range they share, in order. */
export function aiqCompared(curves: readonly (readonly CurvePoint[])[]): number[] {
  const max = sharedMaxCost(curves);
  return curves.map((c) => aiq(c, max));
}
