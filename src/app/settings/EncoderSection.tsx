// The sentence encoder: the built-in USE-lite or any transformers.js-format model by hub id or URL (its weights and
// pooling), whether encoders may be downloaded from the hub, and the backend that really runs it (WebGPU or WASM).
import { useState, type FormEvent } from 'react';
import { BUILTIN_CHOICE, encoder, useEncoder, type EncoderChoice } from '../stores/encoder.ts';
import { describeEncoder } from '../../core/embed/encoder-record.ts';
import { DTYPES, type Dtype } from '../../core/embed/encoder-options.ts';
import { POOLINGS, type Pooling } from '../../core/embed/pooling.ts';
import type { BackendPreference } from '../../platform/browser/ort-env.ts';
import { deployAllowsModelHub } from '../../platform/browser/connect-policy.ts';

function EncoderStatus() {
  const { status, backend, threads, record, error, loadMs } = useEncoder();
  if (status === 'loading') return <span>Loading…</span>;
  if (status === 'error') return <span className="error">Failed to load: {error}</span>;
  if (status !== 'ready' || !record) return <span className="muted">Not loaded yet (it starts with the first message that needs it).</span>;
  return (
    <span aria-label="Encoder backend">
      Running on{' '}
      <strong>
        {backend === 'webgpu' ? 'WebGPU' : backend === 'wasm' ? `WASM (${threads} thread${threads === 1 ? '' : 's'})` : backend}
      </strong>
      : <strong>{describeEncoder(record)}</strong>, loaded in {loadMs?.toFixed(0)} ms.
    </span>
  );
}

function EncoderChoiceForm() {
  const { choice, status, setChoice } = useEncoder();
  const [draft, setDraft] = useState<EncoderChoice>(choice);
  const builtin = draft.model === BUILTIN_CHOICE.model;
  const patch = (p: Partial<EncoderChoice>) => setDraft({ ...draft, ...p });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void setChoice({ ...draft, model: draft.model.trim() || BUILTIN_CHOICE.model });
  };
  return (
    <form aria-label="Choose encoder" onSubmit={submit} className="row">
      <label>
        Encoder{' '}
        <select
          aria-label="Encoder"
          value={builtin ? 'builtin' : 'other'}
          onChange={(e) =>
            setDraft(e.target.value === 'builtin' ? { ...BUILTIN_CHOICE, allowHub: draft.allowHub } : { ...draft, model: '' })
          }
        >
          <option value="builtin">Universal Sentence Encoder lite (built in)</option>
          <option value="other">Another model (hub id or URL)</option>
        </select>
      </label>
      {!builtin && (
        <label>
          Model{' '}
          <input
            aria-label="Encoder model"
            placeholder="Xenova/bge-small-en-v1.5 or https://…/model/"
            value={draft.model}
            onChange={(e) => patch({ model: e.target.value })}
          />
        </label>
      )}
      <label>
        Weights{' '}
        <select aria-label="Encoder weights" value={draft.dtype} onChange={(e) => patch({ dtype: e.target.value as Dtype })}>
          {DTYPES.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
      </label>
      <label>
        Pooling{' '}
        <select
          aria-label="Encoder pooling"
          value={draft.pooling ?? ''}
          onChange={(e) => patch({ pooling: (e.target.value || undefined) as Pooling | undefined })}
        >
          <option value="">the model's own</option>
          {POOLINGS.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      <label>
        <input type="checkbox" checked={draft.allowHub} onChange={(e) => patch({ allowHub: e.target.checked })} /> Allow downloads from the
        Hugging Face hub (reloads the app; downloaded encoders are kept and work offline)
      </label>
      {!deployAllowsModelHub() && (
        <p className="notice" role="note" aria-label="Hub downloads not allowed">
          This deploy's Content-Security-Policy does not admit the Hugging Face hub, so hub downloads fail here. Whoever deploys the app
          sets "modelHub": true in llmrouter.config.json and rebuilds (or runs npm run csp:stamp -- &lt;site folder&gt; --model-hub on).
        </p>
      )}
      <button type="submit" disabled={status === 'loading' || JSON.stringify(draft) === JSON.stringify(choice)}>
        Use this encoder
      </button>
    </form>
  );
}

export function EncoderSection() {
  const { prefer, status, setPrefer } = useEncoder();
  return (
    <section className="card" aria-labelledby="encoder-title">
      <h2 id="encoder-title">Encoder</h2>
      <p>
        The encoder turns each message into the vector the routers read, on this device. <EncoderStatus />
      </p>
      <EncoderChoiceForm />
      <div className="row">
        <label>
          Backend{' '}
          <select
            aria-label="Encoder backend preference"
            value={prefer}
            onChange={(e) => void setPrefer(e.target.value as BackendPreference)}
          >
            <option value="auto">WebGPU on a hardware adapter, else WASM</option>
            <option value="webgpu">WebGPU</option>
            <option value="wasm">WASM</option>
          </select>
        </label>
        <button disabled={status === 'loading'} onClick={() => void encoder().catch(() => undefined)}>
          {status === 'ready' ? 'Loaded' : 'Load encoder now'}
        </button>
      </div>
    </section>
  );
}
