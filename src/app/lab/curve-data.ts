// Lays the lab's results out for uPlot's aligned-data mode: one x axis (cost) shared by every router's curve
// and the single-model and oracle dots, each series null where it has no point.
import type { CurvePoint } from '../../core/eval/frontier.ts';

export interface ChartSeries {
  label: string;
  points: CurvePoint[];
  /** Lines join a router's points; dots stand alone (single models, the oracle). */
  kind: 'line' | 'dot';
}

export function alignSeries(series: readonly ChartSeries[]): { xs: number[]; ys: (number | null)[][] } {
  const xs = [...new Set(series.flatMap((s) => s.points.map((p) => p.cost)))].sort((a, b) => a - b);
  const at = new Map(xs.map((x, i) => [x, i]));
  const ys = series.map((s) => {
    const row: (number | null)[] = xs.map(() => null);
    for (const p of s.points) row[at.get(p.cost)!] = Math.max(row[at.get(p.cost)!] ?? -Infinity, p.quality);
    return row;
  });
  return { xs, ys };
}
