// The cost/quality slider over time, as the messages were routed at it: a stepped line of the slider's position
// (its log scale), its axis labelled in λ (uPlot).
import uPlot from 'uplot';
import { Plot } from '../components/Plot.tsx';
import { SLIDER_MAX, lambdaAt, positionOf } from '../components/slider-scale.ts';

export function LambdaChart({ points }: { points: { at: number; lambda: number }[] }) {
  return (
    <Plot
      label="The cost/quality slider over time"
      deps={[points]}
      make={(width) => ({
        options: {
          width,
          height: 150,
          scales: { x: { time: true }, y: { range: [0, SLIDER_MAX] } },
          axes: [{}, { label: 'λ', size: 60, values: (_u, vs) => vs.map((v) => Number(lambdaAt(v).toPrecision(2)).toString()) }],
          series: [
            {},
            {
              label: 'λ',
              stroke: '#17a589',
              width: 2,
              paths: uPlot.paths.stepped!({ align: 1 }),
              value: (_u, v) => (v == null ? '—' : lambdaAt(v).toPrecision(2)),
            },
          ],
        },
        // The last setting holds until now.
        data: [
          [...points.map((p) => p.at / 1000), Date.now() / 1000],
          [...points.map((p) => positionOf(p.lambda)), positionOf(points.at(-1)!.lambda)],
        ],
      })}
    />
  );
}
