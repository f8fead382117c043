// Train routers on the selected dataset and evaluate them on its test split: pick routers, start, watch
// progress, cancel.
import { useState } from 'react';
import { routers } from '../../core/routers/registry.ts';
import { useLabRuns } from '../stores/lab-runs.ts';
import type { DatasetRecord } from '../stores/lab.ts';
import { NumberField } from '../components/NumberField.tsx';
import { Picks } from '../components/Picks.tsx';

/** Routers that need no provider calls; the lab trains and evaluates them on recorded outcomes. */
const TRAINABLE = Object.entries(routers)
  .filter(([, e]) => e.input !== 'provider')
  .map(([name]) => name);

export function TrainPanel({ dataset }: { dataset: DatasetRecord }) {
  const { runs, split, setSplit, start, cancel } = useLabRuns();
  const [chosen, setChosen] = useState<string[]>(['knn', 'best-single', 'oracle']);
  const active = runs.filter((r) => r.datasetId === dataset.id);
  return (
    <section className="card" aria-labelledby="train-title">
      <h2 id="train-title">Train and evaluate</h2>
      <Picks legend="Routers" options={TRAINABLE} chosen={chosen} setChosen={setChosen} title={(name) => routers[name]?.description} />
      <div className="row">
        <NumberField
          label="Test share"
          min={0.05}
          max={0.9}
          step={0.05}
          value={split.testFraction}
          onChange={(testFraction) => setSplit({ ...split, testFraction })}
        />
        <NumberField label="Seed" value={split.seed} onChange={(seed) => setSplit({ ...split, seed })} />
        <button className="primary" disabled={chosen.length === 0} onClick={() => chosen.forEach((r) => void start(dataset, r))}>
          Train and evaluate
        </button>
      </div>
      {active.length > 0 && (
        <ul className="runs">
          {active.map((run) => (
            <li key={run.id}>
              <span className="run-name">{run.router}</span>
              <progress aria-label={`Training ${run.router}`} max={1} value={run.progress} />
              <span className="muted">
                {run.status === 'error' ? <span className="error">{run.error}</span> : (run.detail ?? run.status)}
              </span>
              {run.controller && (
                <button aria-label={`Cancel ${run.router}`} onClick={() => cancel(run.id)}>
                  Cancel
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
