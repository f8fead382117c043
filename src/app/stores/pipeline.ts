// The lab's benchmark pipeline: the run being prepared (sampled queries, models, budget, editable templates, its
// cost estimate), the runs kept in IndexedDB with their progress, and starting, resuming and cancelling them. The
// heavy part (scorers, Pyodide) is loaded only when a file is read or a run starts.
import { create } from 'zustand';
import type { CatalogModel } from '../../core/catalog/model.ts';
import type { BenchmarkItem } from '../../core/pipeline/benchmark-item.ts';
import type { SummaryCell } from '../../core/pipeline/dataset.ts';
import type { RunEstimate } from '../../core/pipeline/estimate.ts';
import type { RunProgress, RunSummary } from '../../core/pipeline/run.ts';
import { putRecord } from '../../platform/browser/records.ts';
import { deleteRun, loadRuns, saveRun, type PipelineRunRecord } from '../../platform/browser/pipeline-store.ts';
import { catalogModels, useCatalog } from './catalog.ts';
import { useCalls } from './calls.ts';
import { useLab, type DatasetRecord } from './lab.ts';

const session = () => import('../lab/pipeline-session.ts');

export interface Draft {
  source: string;
  items: BenchmarkItem[];
  templates: Record<string, string>;
  /** Some tasks are scored by a judge model, which the run must name. */
  needsJudge: boolean;
}

/** How a run is to be made: which models, the judge for llm_judge tasks, the budget, calls per provider. */
export interface RunChoices {
  models: string[];
  judge?: string;
  budgetUsd?: number;
  concurrency: number;
}

export interface RunView {
  run: PipelineRunRecord;
  progress: RunProgress;
  cells: SummaryCell[];
  status: 'idle' | 'running' | 'stopped' | 'complete' | 'error';
  message?: string;
  controller?: AbortController;
}

interface PipelineStore {
  draft: Draft | null;
  draftError: string | null;
  estimate: (RunEstimate & { done: number }) | null;
  runs: RunView[];
  loaded: boolean;
  load(): Promise<void>;
  readFile(file: File, perTask: number, seed: number): Promise<void>;
  setTemplate(id: string, text: string): void;
  estimateFor(choices: RunChoices): Promise<void>;
  start(choices: RunChoices): Promise<void>;
  resume(id: string): Promise<void>;
  cancel(id: string): void;
  remove(id: string): Promise<void>;
}

function modelsById(ids: readonly string[]): CatalogModel[] {
  const all = catalogModels(useCatalog.getState().models);
  return ids.map((id) => all.find((m) => m.id === id)).filter((m): m is CatalogModel => m !== undefined);
}

function draftRun(draft: Draft, choices: RunChoices): PipelineRunRecord {
  const { models, judge, budgetUsd, concurrency } = choices;
  return {
    id: crypto.randomUUID(),
    createdAt: Date.now(),
    source: draft.source,
    items: draft.items,
    models,
    templates: draft.templates,
    concurrency,
    ...(budgetUsd ? { budgetUsd } : {}),
    ...(judge ? { judge } : {}),
  };
}

/** Changes the run `id`'s view in the store. */
type Patch = (id: string, change: Partial<RunView>) => void;

/** The runs kept in IndexedDB, each with its cells and progress so far. */
async function loadRunViews(): Promise<RunView[]> {
  const { runCells } = await session();
  return Promise.all(
    (await loadRuns()).map(async (run): Promise<RunView> => {
      const { cells, progress } = await runCells(run);
      return { run, cells, progress, status: run.datasetId ? 'complete' : progress.done > 0 ? 'stopped' : 'idle' };
    }),
  );
}

/** Why a session ended without a dataset. */
function stoppedMessage(s: RunSummary): string {
  return s.stopped === 'budget'
    ? `stopped at ${s.reason ?? 'the budget'}`
    : s.stopped === 'cancelled'
      ? 'cancelled'
      : `${s.failed} failed: resume to retry them`;
}

/** Keeps a finished run's dataset, links the run to it and selects it in the lab; returns the run so linked. */
async function keepDataset(run: PipelineRunRecord, dataset: DatasetRecord): Promise<PipelineRunRecord> {
  await putRecord('datasets', dataset);
  const linked = { ...run, datasetId: dataset.id };
  await saveRun(linked);
  await useLab.getState().load();
  useLab.getState().select(dataset.id);
  return linked;
}

/** Runs (or goes on with) the run `id` among `runs` until it completes, stops or fails, showing its progress. */
async function resumeRun(runs: readonly RunView[], patch: Patch, id: string): Promise<void> {
  const view = runs.find((r) => r.run.id === id);
  if (!view || view.status === 'running') return;
  const controller = new AbortController();
  patch(id, { status: 'running', controller, message: undefined });
  try {
    const { runSession, runCells } = await session();
    const models = modelsById(view.run.models);
    const caller = useCalls.getState().caller(catalogModels(useCatalog.getState().models));
    // The bar shows the whole run's spend: what earlier sessions spent plus this one's.
    const before = (await runCells(view.run)).progress.spentUsd;
    const onProgress = (progress: RunProgress) => patch(id, { progress: { ...progress, spentUsd: before + progress.spentUsd } });
    const outcome = await runSession(view.run, models, caller, onProgress, controller.signal);
    if (outcome.dataset) {
      const run = await keepDataset(view.run, outcome.dataset);
      return patch(id, { run, cells: outcome.cells, status: 'complete', controller: undefined });
    }
    patch(id, { cells: outcome.cells, status: 'stopped', message: stoppedMessage(outcome.summary), controller: undefined });
  } catch (e) {
    patch(id, { status: 'error', message: (e as Error).message, controller: undefined });
  }
}

export const usePipeline = create<PipelineStore>((set, get) => {
  const patch: Patch = (id, change) => set({ runs: get().runs.map((r) => (r.run.id === id ? { ...r, ...change } : r)) });

  return {
    draft: null,
    draftError: null,
    estimate: null,
    runs: [],
    loaded: false,
    async load() {
      set({ runs: await loadRunViews(), loaded: true });
    },
    async readFile(file, perTask, seed) {
      set({ draft: null, draftError: null, estimate: null });
      try {
        const { readQueries, templatesUsed, needsJudge } = await session();
        const items = readQueries(await file.text(), file.name, perTask, seed);
        set({ draft: { source: file.name, items, templates: templatesUsed(items, {}), needsJudge: needsJudge(items) } });
      } catch (e) {
        set({ draftError: (e as Error).message });
      }
    },
    setTemplate(id, text) {
      const draft = get().draft;
      if (draft) set({ draft: { ...draft, templates: { ...draft.templates, [id]: text } }, estimate: null });
    },
    async estimateFor(choices) {
      const draft = get().draft;
      if (!draft || choices.models.length === 0) return set({ estimate: null });
      const { estimate } = await session();
      set({ estimate: await estimate(draftRun(draft, choices), modelsById(choices.models)) });
    },
    async start(choices) {
      const draft = get().draft;
      if (!draft) return;
      const run = draftRun(draft, choices);
      await saveRun(run);
      set({
        runs: [
          { run, cells: [], progress: { done: 0, total: run.items.length * run.models.length, failed: 0, spentUsd: 0 }, status: 'idle' },
          ...get().runs,
        ],
        draft: null,
        estimate: null,
      });
      await get().resume(run.id);
    },
    resume: (id) => resumeRun(get().runs, patch, id),
    cancel(id) {
      get()
        .runs.find((r) => r.run.id === id)
        ?.controller?.abort();
    },
    async remove(id) {
      get().cancel(id);
      await deleteRun(id);
      set({ runs: get().runs.filter((r) => r.run.id !== id) });
    },
  };
});
