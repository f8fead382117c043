// The router used in chat: a built-in one (auto, bert) or a trained router saved from the lab or local learning,
// with its options shown.
import { TrashIcon } from '../components/icons.tsx';
import { BUILTIN_ROUTERS, useRouter } from '../stores/router.ts';
import { routers } from '../../core/routers/registry.ts';

export function RouterSection() {
  const { choice, saved, choose, remove } = useRouter();
  const value = 'builtin' in choice ? `builtin:${choice.builtin}` : `saved:${choice.saved}`;
  const current = 'saved' in choice ? saved.find((r) => r.id === choice.saved) : undefined;
  return (
    <section className="card" aria-labelledby="router-title">
      <h2 id="router-title">Router</h2>
      <label>
        Router in use{' '}
        <select
          aria-label="Router in use"
          value={value}
          onChange={(e) => {
            const [kind, id] = e.target.value.split(/:(.*)/) as [string, string];
            void choose(kind === 'builtin' ? { builtin: id } : { saved: id });
          }}
        >
          {Object.entries(BUILTIN_ROUTERS).map(([name, r]) => (
            <option key={name} value={`builtin:${name}`}>
              {r.label}
            </option>
          ))}
          {saved.map((r) => (
            <option key={r.id} value={`saved:${r.id}`}>
              {r.label} ({r.file.router}, from {r.origin})
            </option>
          ))}
        </select>
      </label>
      <p className="muted">{'builtin' in choice ? routers[choice.builtin]?.description : current && `Trained ${new Date(current.createdAt).toLocaleString()} on ${current.trainedOn ?? 'a dataset'}; models: ${current.file.models.join(', ')}.`}</p>
      {current && (
        <>
          <h3>Options</h3>
          <pre className="options">{JSON.stringify(current.file.options, null, 2)}</pre>
        </>
      )}
      {saved.length > 0 && (
        <>
          <h3>Saved routers</h3>
          <ul>
            {saved.map((r) => (
              <li key={r.id}>
                {r.label} <span className="muted">({r.file.router})</span>{' '}
                <button className="icon" aria-label={`Delete router ${r.label}`} onClick={() => void remove(r.id)}>
                  <TrashIcon />
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
