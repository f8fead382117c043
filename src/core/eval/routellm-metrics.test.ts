import { describe, expect, it } from 'vitest';
import { routeLlm, thresholdSweep } from './routellm-metrics.ts';

// RouteLLM's worked example: these 53 queries through its own code (benchmarks.MMLU.evaluate with 10 bins,
// then evaluate.generate_results; numpy 2.4, pandas 3.0) printed the points and metrics below.
const n = 53;
const rates = Array.from({ length: n }, (_, i) => ((i * 37) % 101) / 101);
const strong = Array.from({ length: n }, (_, i) => ((i * 7) % 10 < 8 ? 1 : 0));
const weak = Array.from({ length: n }, (_, i) => ((i * 3) % 10 < 5 || i % 11 === 0 ? 1 : 0));
const routeLlmPoints: [number, number][] = [
  [100.0, 81.132075],
  [88.679245, 79.245283],
  [79.245283, 77.358491],
  [69.811321, 77.358491],
  [60.377358, 75.471698],
  [50.943396, 73.584906],
  [39.622642, 71.698113],
  [30.188679, 69.811321],
  [20.754717, 62.264151],
  [11.320755, 56.603774],
  [0.0, 54.716981],
];

describe("RouteLLM's metrics", () => {
  it('sweeps thresholds at the bin edges as RouteLLM does', () => {
    const points = thresholdSweep(rates, strong, weak);
    expect(points).toHaveLength(11);
    points.forEach((p, i) => {
      expect(p.strongPercent).toBeCloseTo(routeLlmPoints[i]![0], 5);
      expect(p.accuracy).toBeCloseTo(routeLlmPoints[i]![1], 5);
    });
  });

  it('matches RouteLLM evals on its worked example: APGR 0.617924528302, CPT 16.98% / 27.83% / 62.26%', () => {
    const m = routeLlm({ strong: 'S', weak: 'W' }, rates, strong, weak);
    expect(m.weak_accuracy).toBeCloseTo(54.71698113207547, 10);
    expect(m.strong_accuracy).toBeCloseTo(81.13207547169812, 10);
    expect(m.apgr).toBeCloseTo(0.617924528302, 10);
    expect(m.cpt20!.toFixed(2)).toBe('16.98');
    expect(m.cpt50!.toFixed(2)).toBe('27.83');
    expect(m.cpt80!.toFixed(2)).toBe('62.26');
  });

  it('a ranking that puts every strong-only win first scores a high APGR', () => {
    const perfect = strong.map((s, i) => s - weak[i]!);
    expect(routeLlm({ strong: 'S', weak: 'W' }, perfect, strong, weak).apgr).toBeGreaterThan(0.8);
    expect(() => thresholdSweep([], [], [])).toThrow(/non-empty/);
    // A constant score sweeps to one point: no curve, no APGR or CPT (RouteLLM's qcut refuses such scores).
    expect(
      routeLlm(
        { strong: 'S', weak: 'W' },
        rates.map(() => 0.3),
        strong,
        weak,
      ),
    ).toMatchObject({ apgr: null, cpt50: null });
  });
});
