// The cost-quality frontier of a router's (cost, quality) points and the DESIGN.md metrics on it.
// The hull is the upper convex hull made non-decreasing (a costlier point never lowers quality);
// between hull points quality is linear (a router can mix two settings at random).
// AIQ follows RouterBench: the mean of the hull over the router's cost range [cheapest, dearest point],
// the hull extended flat past its best point, i.e. the area divided by the width of that range.

export interface CurvePoint {
  cost: number;
  quality: number;
}

/** The non-decreasing upper convex hull, cheapest first. */
export function frontier(points: readonly CurvePoint[]): CurvePoint[] {
  const sorted = [...points].sort((a, b) => a.cost - b.cost || b.quality - a.quality);
  const rising: CurvePoint[] = [];
  for (const p of sorted) if (rising.length === 0 || p.quality > rising.at(-1)!.quality) rising.push(p);
  const hull: CurvePoint[] = [];
  for (const p of rising) {
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

/** RouterBench's Average Improvement in Quality over the points' cost range. */
export function aiq(points: readonly CurvePoint[]): number {
  const hull = frontier(points);
  if (hull.length === 0) return 0;
  const lo = hull[0]!.cost;
  const hi = Math.max(...points.map((p) => p.cost));
  if (hi - lo <= 0) return hull.at(-1)!.quality;
  let area = 0;
  for (let i = 1; i < hull.length; i++) {
    const [a, b] = [hull[i - 1]!, hull[i]!];
    area += ((a.quality + b.quality) / 2) * (b.cost - a.cost);
  }
  area += hull.at(-1)!.quality * (hi - hull.at(-1)!.cost);
  return area / (hi - lo);
}
