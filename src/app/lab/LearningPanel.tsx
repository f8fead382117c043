// Local learning in the lab: what the log holds, when the router retrains, retraining on demand, what the
// held-out check of the last retraining found, how it changed the router's decisions on the logged queries, and undo.
import { useLearning } from '../stores/learning.ts';
import { logToSamples } from '../../core/learn/to-samples.ts';
import { TableHead } from '../components/TableHead.tsx';

export function LearningPanel() {
  const {
    outcomes,
    retrainEvery,
    minSamples,
    feedbackWeight,
    trainedSamples,
    retraining,
    retrainError,
    last,
    undo,
    setRetrainEvery,
    setMinSamples,
    setFeedbackWeight,
    retrain,
    undoRetrain,
  } = useLearning();
  const samples = logToSamples(outcomes).samples.length;
  const changed = last?.changes.filter((c) => c.before !== c.after).length ?? 0;
  return (
    <section className="card" aria-labelledby="learning-title">
      <h2 id="learning-title">Local learning</h2>
      <p>
        {outcomes.length} routed calls logged; feedback made <strong>{samples}</strong> training samples ({samples - trainedSamples} new
        since the last retraining).
      </p>
      <div className="row">
        <NumberSetting
          label="Retrain after this many new samples"
          before="Retrain after"
          after="new samples"
          value={retrainEvery}
          onSave={setRetrainEvery}
        />
        <NumberSetting
          label="Minimum samples before retraining"
          before="Wait for at least"
          after="samples"
          value={minSamples}
          onSave={setMinSamples}
        />
        <NumberSetting
          label="Weight of a rated answer"
          before="A rated answer counts"
          after="times the router's own estimate"
          value={feedbackWeight}
          onSave={setFeedbackWeight}
        />
        <button disabled={retraining || samples === 0} onClick={() => void retrain()}>
          {retraining ? 'Retraining…' : 'Retrain now'}
        </button>
      </div>
      {retrainError && (
        <p role="alert" className="error">
          {retrainError}
        </p>
      )}
      {undo && (
        <p>
          <button onClick={() => void undoRetrain()}>Undo the last retraining</button> (back to “{undo.label}”)
        </p>
      )}
      {last && (
        <>
          <h3>
            Last retraining: {new Date(last.at).toLocaleString()}, {last.check?.accepted === false ? 'kept' : 'now in use as'} “
            {last.router}”
          </h3>
          {last.check && (
            <p role="status" aria-label="Retraining check">
              {last.check.reason}
            </p>
          )}
          <p>
            On the {last.changes.length} logged queries, {changed} decision{changed === 1 ? '' : 's'} changed.
          </p>
          <table aria-label="Decisions before and after retraining">
            <TableHead columns={['logged query', 'before', 'after']} />
            <tbody>
              {last.changes.map((c, i) => (
                <tr key={i} className={c.before !== c.after ? 'chosen' : undefined}>
                  <td>{c.query}</td>
                  <td>{c.before}</td>
                  <td>{c.after}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function NumberSetting(props: { label: string; before: string; after: string; value: number; onSave(value: number): Promise<void> }) {
  return (
    <label>
      {props.before}{' '}
      <input
        type="number"
        min={1}
        aria-label={props.label}
        defaultValue={props.value}
        style={{ width: '4rem' }}
        onBlur={(e) => void props.onSave(Number(e.target.value))}
      />{' '}
      {props.after}
    </label>
  );
}
