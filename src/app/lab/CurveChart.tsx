// The cost-quality picture: cost on x, quality on y, one line per router over its lambda curve, dots for
// each single model and the oracle (uPlot on a canvas).
import { useRef } from 'react';
import type uPlot from 'uplot';
import { alignSeries, type ChartSeries } from './curve-data.ts';
import { usePlot } from './use-plot.ts';

const COLORS = ['#3b6cf6', '#e4572e', '#17a589', '#a15cd6', '#f2a541', '#2e86ab', '#c0392b'];

export function CurveChart({ series, label }: { series: ChartSeries[]; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  usePlot(
    box,
    (width) => {
      const { xs, ys } = alignSeries(series);
      let color = 0;
      const options: uPlot.Options = {
        width,
        height: 320,
        scales: { x: { time: false }, y: { range: [0, 1.05] } },
        legend: { live: false },
        axes: [
          { label: 'cost (USD over the test set)' },
          { label: 'quality', values: (_u, v) => v.map((x) => `${(x * 100).toFixed(0)}%`) },
        ],
        series: [
          { label: 'cost', value: (_u, v) => (v == null ? '—' : `$${v.toPrecision(3)}`) },
          ...series.map((s): uPlot.Series => {
            const stroke = s.label === 'oracle' ? '#111' : s.kind === 'dot' ? '#888' : COLORS[color++ % COLORS.length]!;
            return s.kind === 'line'
              ? { label: s.label, stroke, width: 2, spanGaps: true, points: { show: true, size: 5 } }
              : { label: s.label, stroke, paths: () => null, points: { show: true, size: s.label === 'oracle' ? 11 : 8, fill: stroke } };
          }),
        ],
      };
      return { options, data: [xs, ...ys] as uPlot.AlignedData };
    },
    [series],
  );
  return <div ref={box} className="chart" role="img" aria-label={label} />;
}
