// Online learning in the lab: replays the selected dataset as user traffic for an online router started cold
// (only the chosen model's score revealed, an update after each query, in the lab worker), and charts the mean
// quality so far against the best single model and the oracle, with the final figures and regret.
import { useRef, useState } from 'react';
import type uPlot from 'uplot';
import { labWorker } from '../lab-worker.ts';
import { catalogModels, useCatalog } from '../stores/catalog.ts';
import { datasetEmbeddings, type DatasetRecord } from '../stores/lab.ts';
import { usePreferences } from '../stores/preferences.ts';
import type { SimulationReport } from '../../core/learn/simulate.ts';
import type { Strategy } from '../../core/learn/online-router.ts';
import { usePlot } from './use-plot.ts';
import { usd } from '../format.ts';

const STRATEGIES: Strategy[] = ['linucb', 'lin-ts', 'epsilon-greedy'];

export function SimulationPanel({ dataset }: { dataset: DatasetRecord }) {
  const [strategy, setStrategy] = useState<Strategy>('linucb');
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string>();
  const [report, setReport] = useState<SimulationReport>();
  const run = async () => {
    setRunning(true);
    setError(undefined);
    try {
      const embeddings = await datasetEmbeddings(dataset);
      const catalog = catalogModels(useCatalog.getState().models);
      setReport(
        await labWorker().call('simulate', {
          strategy,
          samples: dataset.samples,
          embeddings,
          catalog,
          seed: 1,
          lambda: usePreferences.getState().lambda,
        }),
      );
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setRunning(false);
    }
  };
  return (
    <section className="card" aria-labelledby="simulation-title">
      <h2 id="simulation-title">Online learning simulation</h2>
      <p className="muted">
        The dataset replayed as traffic in a seeded order: the router sees only the chosen model's score and learns after each query.
      </p>
      <div className="row">
        <label>
          Online router{' '}
          <select aria-label="Online router to simulate" value={strategy} onChange={(e) => setStrategy(e.target.value as Strategy)}>
            {STRATEGIES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <button disabled={running} onClick={() => void run()}>
          {running ? 'Simulating…' : 'Simulate online learning'}
        </button>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {report && <SimulationResult report={report} />}
    </section>
  );
}

function SimulationResult({ report }: { report: SimulationReport }) {
  const box = useRef<HTMLDivElement>(null);
  usePlot(
    box,
    (width) => {
      const t = report.curve.map((p) => p.t);
      const flat = (v: number) => t.map(() => v);
      const options: uPlot.Options = {
        width,
        height: 280,
        scales: { x: { time: false }, y: { range: [0, 1.05] } },
        axes: [{ label: 'queries so far' }, { label: 'mean quality so far', values: (_u, v) => v.map((x) => `${(x * 100).toFixed(0)}%`) }],
        series: [
          { label: 'queries' },
          { label: report.router, stroke: '#3b6cf6', width: 2 },
          { label: `best single (${report.stream.best_single.model})`, stroke: '#888', dash: [6, 4] },
          { label: 'oracle', stroke: '#111', dash: [2, 4] },
        ],
      };
      return {
        options,
        data: [t, report.curve.map((p) => p.quality), flat(report.stream.best_single.quality), flat(report.stream.oracle.quality)],
      };
    },
    [report],
  );
  const end = report.curve.at(-1)!;
  const w = report.final_window;
  return (
    <>
      <div ref={box} className="chart" role="img" aria-label="Online learning curve" />
      <p aria-label="Simulation figures">
        {report.router} over {report.stream.n} queries: quality {(report.stream.quality * 100).toFixed(1)}% for {usd(report.stream.cost)},
        explored {(report.stream.explored * 100).toFixed(1)}% of calls; regret {end.regret_oracle.toFixed(1)} against the oracle and{' '}
        {end.regret_best_single.toFixed(1)} against {report.stream.best_single.model}. Last {w.n} queries: {(w.quality * 100).toFixed(1)}%
        for {usd(w.cost)} ({w.best_single.model} alone: {(w.best_single.quality * 100).toFixed(1)}% for {usd(w.best_single.cost)}).
      </p>
    </>
  );
}
