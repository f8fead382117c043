// Adds a provider (or a key to one): a known provider with its base URL prefilled, or any
// OpenAI-compatible / Anthropic / Gemini server at a custom URL. The key field is cleared once saved.
import { useState, type FormEvent } from 'react';
import { PROVIDERS, type WireFormat } from '../../../core/providers/definitions.ts';
import { useProviders } from '../../stores/providers.ts';

const CUSTOM = 'custom';

export function AddProviderForm() {
  const save = useProviders((s) => s.save);
  const [kind, setKind] = useState(PROVIDERS[0]!.id);
  const [id, setId] = useState(PROVIDERS[0]!.id);
  const [baseUrl, setBaseUrl] = useState(PROVIDERS[0]!.baseUrl);
  const [wire, setWire] = useState<WireFormat>('openai');
  const [key, setKey] = useState('');
  const [error, setError] = useState('');

  const choose = (next: string) => {
    setKind(next);
    const definition = PROVIDERS.find((p) => p.id === next);
    setId(definition?.id ?? '');
    setBaseUrl(definition?.baseUrl ?? 'http://127.0.0.1:8000/v1');
    setWire(definition?.wire ?? 'openai');
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError('');
    const definition = PROVIDERS.find((p) => p.id === kind);
    try {
      await save({ id, label: definition?.label ?? id, wire, baseUrl }, key);
      setKey('');
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <form className="add-provider" onSubmit={submit} aria-label="Add provider">
      <label>
        Provider
        <select value={kind} onChange={(e) => choose(e.target.value)}>
          {PROVIDERS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
          <option value={CUSTOM}>Custom server</option>
        </select>
      </label>
      {kind === CUSTOM && (
        <>
          <label>
            Id
            <input value={id} onChange={(e) => setId(e.target.value)} placeholder="my-server" required />
          </label>
          <label>
            Wire format
            <select value={wire} onChange={(e) => setWire(e.target.value as WireFormat)}>
              <option value="openai">OpenAI-compatible</option>
              <option value="anthropic">Anthropic Messages</option>
              <option value="gemini">Gemini</option>
            </select>
          </label>
        </>
      )}
      <label>
        Base URL
        <input value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} required />
      </label>
      <label>
        API key
        <input
          type="password"
          autoComplete="off"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          placeholder="kept encrypted on this device"
        />
      </label>
      <button type="submit">Save provider</button>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}
