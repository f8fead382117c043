// The router lab: import a dataset, see its statistics, train and evaluate routers, look at the curves, and
// generate routing data for the user's own models.
import { TrashIcon } from '../components/icons.tsx';
import { useEffect } from 'react';
import { useLab } from '../stores/lab.ts';
import { DatasetImport } from './DatasetImport.tsx';
import { DatasetStatsView } from './DatasetStatsView.tsx';
import { TrainPanel } from './TrainPanel.tsx';
import { ResultsView } from './ResultsView.tsx';
import { LearningPanel } from './LearningPanel.tsx';
import { SimulationPanel } from './SimulationPanel.tsx';
import { PipelinePanel } from './PipelinePanel.tsx';

export function LabPage() {
  const { loaded, load, datasets, selectedId, select, remove } = useLab();
  useEffect(() => {
    if (!loaded) void load();
  }, [loaded, load]);
  const dataset = datasets.find((d) => d.id === selectedId);
  return (
    <div className="page lab">
      <section className="card" aria-labelledby="datasets-title">
        <h2 id="datasets-title">Datasets</h2>
        <DatasetImport />
        {datasets.length > 0 && (
          <div className="row" style={{ marginTop: '0.75rem' }}>
            <label>
              Dataset{' '}
              <select aria-label="Dataset" value={selectedId ?? ''} onChange={(e) => select(e.target.value)}>
                {datasets.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name} ({d.stats.queries})
                  </option>
                ))}
              </select>
            </label>
            {dataset && (
              <button className="icon" aria-label={`Delete dataset ${dataset.name}`} onClick={() => void remove(dataset.id)}>
                <TrashIcon />
              </button>
            )}
          </div>
        )}
        {dataset && <DatasetStatsView dataset={dataset} />}
      </section>
      {dataset && <TrainPanel dataset={dataset} />}
      {dataset && <ResultsView dataset={dataset} />}
      {dataset && <SimulationPanel dataset={dataset} />}
      <PipelinePanel />
      <LearningPanel />
    </div>
  );
}
