// The lab's results: the cost-quality curves of the routers against the single models and the oracle,
// a summary table (AIQ, the frontier figures, calibration), the per-task table with the chosen router's
// reliability diagram, saving a router for chat, and why a router falls below the best single model.
import { useMemo, useState } from 'react';
import { useLabRuns, type LabRun } from '../stores/lab-runs.ts';
import { DEFAULT_ROUTER, useRouter } from '../stores/router.ts';
import { useCatalog } from '../stores/catalog.ts';
import { describeSources } from '../../core/routers/with-priors.ts';
import { CurveChart } from './CurveChart.tsx';
import { ReliabilityDiagram } from './ReliabilityDiagram.tsx';
import type { ChartSeries } from './curve-data.ts';
import type { DatasetRecord } from '../stores/lab.ts';
import { pct, usd } from '../format.ts';
import { download } from '../download.ts';
import { withSharedAiq } from '../../core/eval/evaluate.ts';
import { shortOfBest } from '../../core/eval/below-best.ts';
import type { RouterFile } from '../../core/routers/router.ts';
import { TableHead } from '../components/TableHead.tsx';

const COMPARISON_COLUMNS = [
  'router',
  { header: 'AIQ', title: "RouterBench's AIQ over the cost range the routers shown share" },
  'quality at best-single cost',
  'cost to 95% of best single',
  'calibration error',
  'train',
  '',
];

export function ResultsView({ dataset }: { dataset: DatasetRecord }) {
  const runs = useLabRuns((s) => s.runs);
  const done = runs.filter((r): r is LabRun & { result: NonNullable<LabRun['result']> } => r.datasetId === dataset.id && !!r.result);
  const [taskRun, setTaskRun] = useState<string | null>(null);
  const series = useMemo(() => {
    if (done.length === 0) return [];
    const first = done[0]!.result;
    const lines: ChartSeries[] = done
      .filter((r) => r.router !== 'oracle')
      .map((r) => ({ label: r.router, kind: 'line', points: r.result.report.curve }));
    const dots: ChartSeries[] = first.singles.map((s) => ({ label: s.model, kind: 'dot', points: [s] }));
    return [...lines, ...dots, { label: 'oracle', kind: 'dot', points: [first.report.oracle] } as ChartSeries];
  }, [done]);
  const aiqs = useMemo(() => withSharedAiq(done.map((r) => r.result.report)).map((r) => r.aiq), [done]);
  if (done.length === 0) return null;
  const shown = done.find((r) => r.id === taskRun) ?? done.find((r) => r.router !== 'oracle') ?? done[0]!;
  return (
    <section className="card" aria-labelledby="results-title">
      <h2 id="results-title">Results on the test split</h2>
      <CurveChart series={series} label="Cost-quality curve" />
      <table aria-label="Router comparison">
        <TableHead columns={COMPARISON_COLUMNS} />
        <tbody>
          {done.map((r, i) => (
            <tr key={r.id}>
              <td>{r.router}</td>
              <td>{aiqs[i]!.toFixed(3)}</td>
              <td>{r.result.report.quality_at_best_single_cost === null ? '—' : pct(r.result.report.quality_at_best_single_cost)}</td>
              <td>{r.result.report.cost_at_95pct_best_quality === null ? 'never' : pct(r.result.report.cost_at_95pct_best_quality)}</td>
              <td>{r.result.reliability ? r.result.reliability.ece.toFixed(3) : '—'}</td>
              <td>{(r.result.trainSeconds * 1000).toFixed(0)} ms</td>
              <td>
                {r.result.file ? (
                  <>
                    <SaveButton run={r} file={r.result.file} dataset={dataset} />{' '}
                    <button
                      aria-label={`Download ${r.router}`}
                      onClick={() =>
                        download(`${r.router}-${dataset.name.replace(/\.[^.]+$/, '')}.router.json`, JSON.stringify(r.result.file))
                      }
                    >
                      Download
                    </button>
                  </>
                ) : (
                  <span className="muted">from an earlier session: train again to use it</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        Best single model: {done[0]!.result.report.best_single.model} ({pct(done[0]!.result.report.best_single.quality)},{' '}
        {usd(done[0]!.result.report.best_single.cost)}); oracle {pct(done[0]!.result.report.oracle.quality)} at{' '}
        {usd(done[0]!.result.report.oracle.cost)}.
      </p>
      <ShortOfBestNotes runs={done} />
      <h3>
        Per task for{' '}
        <select aria-label="Per-task router" value={shown.id} onChange={(e) => setTaskRun(e.target.value)}>
          {done.map((r) => (
            <option key={r.id} value={r.id}>
              {r.router}
            </option>
          ))}
        </select>
      </h3>
      <table aria-label="Per-task results">
        <TableHead columns={['task', 'queries', 'router quality', 'router cost', 'best single', 'oracle']} />
        <tbody>
          {shown.result.tasks.map((t) => (
            <tr key={t.task}>
              <td>{t.task}</td>
              <td>{t.n}</td>
              <td>{pct(t.quality)}</td>
              <td>{usd(t.cost)}</td>
              <td>
                {t.best_single.model} {pct(t.best_single.quality)}
              </td>
              <td>{pct(t.oracle_quality)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown.result.reliability && <ReliabilityDiagram router={shown.router} reliability={shown.result.reliability} />}
    </section>
  );
}

const WITHIN_NOISE = 'the gap is within that noise. A larger test split (or more data) would tell them apart.';
const BEYOND_NOISE =
  'the gap is larger than that noise, so on this data the router does not beat the best single model: ' +
  'try another router, more training data, or check that the tasks differ in which model is best.';

/** For each router below the best single model at its cost: by how much, and whether this test split can tell. */
function ShortOfBestNotes({ runs }: { runs: (LabRun & { result: NonNullable<LabRun['result']> })[] }) {
  const notes = runs.flatMap((r) => {
    const short = r.router === 'oracle' ? undefined : shortOfBest(r.result.report);
    return short ? [{ router: r.router, short, best: r.result.report.best_single.model }] : [];
  });
  if (notes.length === 0) return null;
  return (
    <ul className="notes" aria-label="Below the best single model">
      {notes.map(({ router, short, best }) => (
        <li key={router}>
          {router} is {pct(short.gap)} below {best} at its cost. With {short.nTest} test queries, {best}&apos;s quality is known to ±
          {pct(short.margin)} (95%): {short.withinNoise ? WITHIN_NOISE : BEYOND_NOISE}
        </li>
      ))}
    </ul>
  );
}

function SaveButton({ run, file, dataset }: { run: LabRun; file: RouterFile; dataset: DatasetRecord }) {
  const save = useRouter((s) => s.save);
  const enabled = useCatalog((s) => s.enabled);
  const [saved, setSaved] = useState(false);
  if (run.router === 'oracle') return null;
  const known = new Set(file.models);
  const sources = { trained: enabled.filter((m) => known.has(m)), priors: enabled.filter((m) => !known.has(m)) };
  return (
    <>
      {sources.priors.length > 0 && (
        <p className="muted" aria-label="Where estimates come from">
          In chat: {describeSources(run.router, DEFAULT_ROUTER, sources)}.
        </p>
      )}
      <button
        disabled={saved}
        aria-label={`Use ${run.router} in chat`}
        onClick={async () => {
          await save(
            {
              id: run.id,
              label: `${run.router} · ${dataset.name}`,
              createdAt: Date.now(),
              origin: 'lab',
              file,
              trainedOn: dataset.name,
              datasetId: dataset.id,
            },
            true,
          );
          setSaved(true);
        }}
      >
        {saved ? 'In use in chat' : 'Use in chat'}
      </button>
    </>
  );
}
