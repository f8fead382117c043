// The reliability diagram of one router's predicted quality on the test split: per bin of predicted quality,
// the mean prediction (x) against the mean observed score (y), dot size by how many predictions fall there;
// on the diagonal, predictions mean what they say. The expected calibration error is in its label.
import type { Reliability } from '../../core/eval/reliability.ts';

const SIZE = 180;
const PAD = 24;
const at = (v: number) => PAD + v * (SIZE - 2 * PAD);

export function ReliabilityDiagram({ router, reliability }: { router: string; reliability: Reliability }) {
  const most = Math.max(...reliability.bins.map((b) => b.n));
  return (
    <figure className="reliability">
      <svg
        width={SIZE}
        height={SIZE}
        role="img"
        aria-label={`Reliability diagram for ${router}: expected calibration error ${reliability.ece.toFixed(3)}`}
      >
        <rect x={PAD} y={PAD} width={SIZE - 2 * PAD} height={SIZE - 2 * PAD} fill="none" stroke="currentColor" strokeOpacity={0.3} />
        <line x1={at(0)} y1={SIZE - at(0)} x2={at(1)} y2={SIZE - at(1)} stroke="currentColor" strokeOpacity={0.4} strokeDasharray="4 3" />
        {reliability.bins.map((b) => (
          <circle key={b.from} cx={at(b.predicted)} cy={SIZE - at(b.observed)} r={2 + 5 * Math.sqrt(b.n / most)} fill="currentColor">
            <title>{`predicted ${(100 * b.predicted).toFixed(0)}%, observed ${(100 * b.observed).toFixed(0)}% (${b.n} predictions)`}</title>
          </circle>
        ))}
        <text x={SIZE / 2} y={SIZE - 4} textAnchor="middle" fontSize={10}>
          predicted quality
        </text>
        <text x={10} y={SIZE / 2} textAnchor="middle" fontSize={10} transform={`rotate(-90 10 ${SIZE / 2})`}>
          observed
        </text>
      </svg>
      <figcaption>
        {router}: expected calibration error {reliability.ece.toFixed(3)} over {reliability.pairs} predictions
      </figcaption>
    </figure>
  );
}
