// Generate routing data for your own models: pick a benchmark query file, how many queries per task, the models, a
// budget (and a judge model when tasks are scored by llm_judge); edit the prompt templates; see the cost estimate;
// run, with a progress bar (done/total, ETA, spend), resumable after a reload. A finished run becomes a lab dataset,
// ready to train on.
import { useEffect, useState } from 'react';
import { useUsableModels } from '../stores/usable-models.ts';
import { usePipeline, type RunView } from '../stores/pipeline.ts';
import { TrashIcon } from '../components/icons.tsx';
import { NumberField } from '../components/NumberField.tsx';
import { Picks } from '../components/Picks.tsx';
import { TableHead } from '../components/TableHead.tsx';
import type { RunEstimate } from '../../core/pipeline/estimate.ts';

function eta(ms: number | undefined): string {
  if (ms === undefined) return '';
  const s = Math.round(ms / 1000);
  return `, about ${s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`} left`;
}

function RunRow({ view }: { view: RunView }) {
  const { resume, cancel, remove } = usePipeline();
  const { run, progress, status } = view;
  const label = `${run.source}: ${run.items.length} queries x ${run.models.length} models`;
  return (
    <li aria-label={`Generation run ${run.source}`}>
      <div className="row">
        <span className="run-name">{label}</span>
        <progress aria-label="Generation progress" max={progress.total} value={progress.done} style={{ flex: '1 1 8rem' }} />
        <span className="muted" aria-label="Generation status">
          {progress.done}/{progress.total} done, {progress.failed} failed, ${progress.spentUsd.toFixed(4)} spent
          {status === 'running' ? eta(progress.etaMs) : ''}
          {' · '}
          {status}
          {view.message ? `: ${view.message}` : ''}
        </span>
        {status === 'running' && <button onClick={() => cancel(run.id)}>Cancel</button>}
        {(status === 'stopped' || status === 'idle' || status === 'error') && <button onClick={() => void resume(run.id)}>Resume</button>}
        <button className="icon" aria-label={`Delete run ${run.source}`} onClick={() => void remove(run.id)}>
          <TrashIcon />
        </button>
      </div>
      {status === 'complete' && <SummaryTable view={view} />}
    </li>
  );
}

function SummaryTable({ view }: { view: RunView }) {
  const tasks = [...new Set(view.cells.map((c) => c.task))].sort((a, b) => (a === 'all' ? 1 : b === 'all' ? -1 : a.localeCompare(b)));
  const score = (task: string, model: string) => view.cells.find((c) => c.task === task && c.model === model);
  return (
    <table aria-label="Generation summary">
      <TableHead columns={['task', ...view.run.models]} />
      <tbody>
        {tasks.map((task) => (
          <tr key={task}>
            <td>{task}</td>
            {view.run.models.map((m) => {
              const cell = score(task, m);
              return <td key={m}>{cell ? `${cell.meanScore.toFixed(2)} ($${cell.costUsd.toFixed(4)})` : '-'}</td>;
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type Setter<T> = (value: T) => void;

/** How many queries per task to sample, with which seed, and the benchmark file to sample them from. */
function SampleInputs(props: { perTask: number; setPerTask: Setter<number>; seed: number; setSeed: Setter<number>; onFile: Setter<File> }) {
  const { perTask, setPerTask, seed, setSeed, onFile } = props;
  return (
    <div className="row">
      <NumberField label="Queries per task" min={1} value={perTask} onChange={setPerTask} />
      <NumberField label="Sample seed" value={seed} onChange={setSeed} />
      <label>
        Benchmark queries{' '}
        <input
          type="file"
          aria-label="Benchmark queries"
          accept=".jsonl,.json"
          onChange={(e) => e.target.files?.[0] && void onFile(e.target.files[0])}
        />
      </label>
    </div>
  );
}

/** The run's budget, its judge model (when a task needs one) and how many calls it makes at once per provider. */
function RunLimits(props: {
  usable: readonly string[];
  budget: string;
  setBudget: Setter<string>;
  needsJudge: boolean;
  judge: string;
  setJudge: Setter<string>;
  concurrency: number;
  setConcurrency: Setter<number>;
}) {
  const { usable, budget, setBudget, needsJudge, judge, setJudge, concurrency, setConcurrency } = props;
  return (
    <div className="row">
      <label>
        Budget (USD){' '}
        <input
          aria-label="Budget (USD)"
          inputMode="decimal"
          value={budget}
          onChange={(e) => setBudget(e.target.value)}
          style={{ width: '6rem' }}
        />
      </label>
      {needsJudge && (
        <label>
          Judge model{' '}
          <select aria-label="Judge model" value={judge} onChange={(e) => setJudge(e.target.value)}>
            <option value="">choose</option>
            {usable.map((id) => (
              <option key={id}>{id}</option>
            ))}
          </select>
        </label>
      )}
      <NumberField label="Calls at once per provider" min={1} value={concurrency} onChange={setConcurrency} width={4} />
    </div>
  );
}

/** The draft's prompt templates, one shown at a time for editing. */
function TemplateEditor(props: {
  templates: Record<string, string>;
  shown: string | undefined;
  show: Setter<string>;
  setTemplate: (id: string, text: string) => void;
}) {
  const { templates, shown, show, setTemplate } = props;
  return (
    <details>
      <summary>Prompt templates</summary>
      <select aria-label="Template" value={shown} onChange={(e) => show(e.target.value)}>
        {Object.keys(templates).map((id) => (
          <option key={id}>{id}</option>
        ))}
      </select>
      {shown && (
        <textarea
          aria-label="Template text"
          rows={5}
          style={{ width: '100%' }}
          value={templates[shown]}
          onChange={(e) => setTemplate(shown, e.target.value)}
        />
      )}
    </details>
  );
}

/** What the run would cost, and the button that starts it. */
function EstimateRow(props: { estimate: RunEstimate; budgetUsd: number | undefined; disabled: boolean; onStart: () => void }) {
  const { estimate, budgetUsd, disabled, onStart } = props;
  return (
    <div className="row">
      <span aria-label="Cost estimate">
        {estimate.calls} calls, expected ${estimate.expectedUsd.toFixed(4)}, at most ${estimate.maxUsd.toFixed(4)}
        {budgetUsd !== undefined ? `; the run stops before passing $${budgetUsd.toFixed(2)}` : ''}
      </span>
      <button className="primary" disabled={disabled} onClick={onStart}>
        Start run
      </button>
    </div>
  );
}

export function PipelinePanel() {
  const { draft, draftError, estimate, runs, loaded, load, readFile, setTemplate, estimateFor, start } = usePipeline();
  const usable = useUsableModels();
  const [perTask, setPerTask] = useState(5);
  const [seed, setSeed] = useState(1);
  const [models, setModels] = useState<string[]>([]);
  const [budget, setBudget] = useState('');
  const [concurrency, setConcurrency] = useState(4);
  const [template, setTemplateId] = useState('');
  const [judge, setJudge] = useState('');
  const budgetUsd = Number(budget) > 0 ? Number(budget) : undefined;
  const choices = { models, budgetUsd, concurrency, ...(judge ? { judge } : {}) };

  useEffect(() => {
    if (!loaded) void load();
  }, [loaded, load]);
  useEffect(() => {
    void estimateFor({ models, budgetUsd, concurrency });
  }, [draft, models, budgetUsd, concurrency, estimateFor]);
  const templateIds = Object.keys(draft?.templates ?? {});
  const shownTemplate = templateIds.includes(template) ? template : templateIds[0];

  return (
    <section className="card" aria-labelledby="pipeline-title">
      <h2 id="pipeline-title">Generate routing data</h2>
      <p className="muted">Benchmark questions asked of your models with your keys, answers scored here, the outcomes a routing dataset.</p>
      <SampleInputs
        perTask={perTask}
        setPerTask={setPerTask}
        seed={seed}
        setSeed={setSeed}
        onFile={(file) => readFile(file, perTask, seed)}
      />
      {draftError && <p className="error">{draftError}</p>}
      {draft && (
        <>
          <p aria-label="Sampled queries">
            {draft.items.length} queries over {new Set(draft.items.map((i) => i.task)).size} tasks from {draft.source}
          </p>
          <Picks legend="Models to run" options={usable} chosen={models} setChosen={setModels}>
            {usable.length === 0 && <span className="muted">Enable models of a provider you set up (Settings) first.</span>}
          </Picks>
          <RunLimits
            usable={usable}
            budget={budget}
            setBudget={setBudget}
            needsJudge={draft.needsJudge}
            judge={judge}
            setJudge={setJudge}
            concurrency={concurrency}
            setConcurrency={setConcurrency}
          />
          <TemplateEditor templates={draft.templates} shown={shownTemplate} show={setTemplateId} setTemplate={setTemplate} />
          {estimate && (
            <EstimateRow
              estimate={estimate}
              budgetUsd={budgetUsd}
              disabled={models.length === 0 || (draft.needsJudge && !judge)}
              onStart={() => void start(choices)}
            />
          )}
        </>
      )}
      {runs.length > 0 && (
        <ul className="generation-runs">
          {runs.map((view) => (
            <RunRow key={view.run.id} view={view} />
          ))}
        </ul>
      )}
    </section>
  );
}
