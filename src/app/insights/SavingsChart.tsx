// The running totals over time: what was spent and what the premium model alone would have cost, message by
// message (uPlot); the gap between the lines is what routing saved.
import { Plot } from '../components/Plot.tsx';
import type { RunningTotals } from './insights-data.ts';

const money = (v: number | null) => (v == null ? '—' : `$${v.toPrecision(3)}`);

export function SavingsChart({ totals, premiumLabel }: { totals: RunningTotals; premiumLabel: string }) {
  return (
    <Plot
      label="Spend and premium-only cost over time"
      deps={[totals, premiumLabel]}
      make={(width) => ({
        options: {
          width,
          height: 260,
          scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
          axes: [{}, { label: 'USD, running total', values: (_u, vs) => vs.map((v) => money(v)), size: 70 }],
          series: [
            {},
            { label: 'spent', stroke: '#3b6cf6', width: 2, fill: 'rgba(59,108,246,0.08)', value: (_u, v) => money(v) },
            { label: premiumLabel, stroke: '#e4572e', width: 2, dash: [6, 4], value: (_u, v) => money(v) },
          ],
        },
        data: [totals.xs, totals.spent, totals.premium],
      })}
    />
  );
}
