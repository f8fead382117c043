// A dataset's statistics: queries, tasks, and per model its runs, mean score and total cost; joining tasks from
// LLMRouter's query files when queries name none.
import { useLab, type DatasetRecord } from '../stores/lab.ts';
import { pct, usd } from '../format.ts';
import { TableHead } from '../components/TableHead.tsx';

export function DatasetStatsView({ dataset }: { dataset: DatasetRecord }) {
  const { stats } = dataset;
  const joinQueries = useLab((s) => s.joinQueries);
  const tasks = Object.entries(stats.tasks).sort((a, b) => b[1] - a[1]);
  return (
    <div aria-label="Dataset statistics">
      <p>
        <strong>{stats.queries}</strong> queries · <strong>{stats.models.length}</strong> models · {tasks.length} tasks · format{' '}
        {dataset.format}
      </p>
      <table>
        <TableHead columns={['model', 'runs', 'mean score', 'total cost']} />
        <tbody>
          {[...stats.models]
            .sort((a, b) => b.meanScore - a.meanScore)
            .map((m) => (
              <tr key={m.model}>
                <td>{m.model}</td>
                <td>{m.count}</td>
                <td>{pct(m.meanScore)}</td>
                <td>
                  {usd(m.totalCost)}
                  {m.estimatedCosts > 0 && (
                    <span className="muted" title="costs estimated from the text">
                      {' '}
                      (est.)
                    </span>
                  )}
                </td>
              </tr>
            ))}
        </tbody>
      </table>
      {tasks.length > 0 && (
        <p className="muted">
          Tasks:{' '}
          {tasks
            .slice(0, 12)
            .map(([t, n]) => `${t} (${n})`)
            .join(', ')}
          {tasks.length > 12 && ` and ${tasks.length - 12} more`}
        </p>
      )}
      {dataset.samples.some((s) => s.task === undefined) && (
        <p className="muted">
          {tasks.length === 0 ? 'No query names its task' : 'Some queries name no task'}, so results cannot be shown per task.
          LLMRouter&apos;s query files (default_query_*.jsonl) give them by query text:{' '}
          <label className="button">
            join tasks from query files
            <input
              type="file"
              hidden
              multiple
              accept=".jsonl"
              aria-label="Join tasks from query files"
              onChange={(e) => {
                const files = [...(e.target.files ?? [])];
                e.target.value = '';
                if (files.length > 0) void joinQueries(dataset.id, files);
              }}
            />
          </label>
        </p>
      )}
    </div>
  );
}
