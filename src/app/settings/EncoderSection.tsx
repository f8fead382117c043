// The sentence encoder and the backend that really runs it (WebGPU or WASM), with the user's preference.
import { encoder, useEncoder } from '../stores/encoder.ts';
import type { BackendPreference } from '../../platform/browser/ort-env.ts';

export function EncoderSection() {
  const { prefer, status, backend, dim, threads, error, loadMs, setPrefer } = useEncoder();
  return (
    <section className="card" aria-labelledby="encoder-title">
      <h2 id="encoder-title">Encoder</h2>
      <p>
        Universal Sentence Encoder lite (ONNX, int8), served from this app and run on this device.{' '}
        {status === 'ready' ? (
          <span aria-label="Encoder backend">
            Running on <strong>{backend === 'webgpu' ? 'WebGPU' : backend === 'wasm' ? `WASM (${threads} thread${threads === 1 ? '' : 's'})` : backend}</strong>, {dim}{' '}
            dimensions, loaded in {loadMs?.toFixed(0)} ms.
          </span>
        ) : status === 'loading' ? (
          <span>Loading…</span>
        ) : status === 'error' ? (
          <span className="error">Failed to load: {error}</span>
        ) : (
          <span className="muted">Not loaded yet (it starts with the first message that needs it).</span>
        )}
      </p>
      <div className="row">
        <label>
          Backend{' '}
          <select aria-label="Encoder backend preference" value={prefer} onChange={(e) => void setPrefer(e.target.value as BackendPreference)}>
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
