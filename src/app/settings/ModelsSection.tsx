// The models of the user's providers: enable the ones the router may pick, edit their prices, add a model.
import { useState, type FormEvent } from 'react';
import { catalogModels, useCatalog } from '../stores/catalog.ts';
import { useProviders } from '../stores/providers.ts';
import { TableHead } from '../components/TableHead.tsx';

export function ModelsSection() {
  const { models, enabled, setEnabled, setPrices } = useCatalog();
  const providers = useProviders((s) => s.providers);
  const providerIds = new Set(providers.map((p) => p.id));
  const shown = catalogModels(models).filter((m) => providerIds.has(m.provider));
  return (
    <section className="card" aria-labelledby="models-title">
      <h2 id="models-title">Models</h2>
      {providers.length === 0 ? (
        <p className="muted">Add a provider above to see and enable its models.</p>
      ) : shown.length === 0 ? (
        <p className="muted">No catalog model is served by your providers yet: add one below.</p>
      ) : (
        <table>
          <TableHead columns={['enabled', 'model', 'provider', 'input $/M tokens', 'output $/M tokens']} />
          <tbody>
            {shown.map((m) => (
              <tr key={m.id}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Enable ${m.id}`}
                    checked={enabled.includes(m.id)}
                    onChange={(e) => void setEnabled(m.id, e.target.checked)}
                  />
                </td>
                <td title={m.description}>{m.id}</td>
                <td>{m.provider}</td>
                <td>
                  <PriceInput
                    label={`Input price of ${m.id}`}
                    value={m.input_price}
                    onSave={(v) => void setPrices(m.id, v, m.output_price)}
                  />
                </td>
                <td>
                  <PriceInput
                    label={`Output price of ${m.id}`}
                    value={m.output_price}
                    onSave={(v) => void setPrices(m.id, m.input_price, v)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {providers.length > 0 && <AddModelForm providers={providers.map((p) => p.id)} />}
    </section>
  );
}

function PriceInput({ label, value, onSave }: { label: string; value: number; onSave(value: number): void }) {
  const [text, setText] = useState(String(value));
  return (
    <input
      aria-label={label}
      type="number"
      min={0}
      step="any"
      style={{ width: '6rem' }}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={() => (Number(text) >= 0 && text !== '' ? onSave(Number(text)) : setText(String(value)))}
    />
  );
}

function AddModelForm({ providers }: { providers: string[] }) {
  const saveModel = useCatalog((s) => s.saveModel);
  const [fields, setFields] = useState({
    id: '',
    provider: providers[0]!,
    api_model: '',
    input_price: '0',
    output_price: '0',
    context_window: '128000',
  });
  const [error, setError] = useState('');
  const field = (name: keyof typeof fields, label: string, type = 'text', required = true) => (
    <label>
      {label}
      <input
        type={type}
        step="any"
        value={fields[name]}
        onChange={(e) => setFields({ ...fields, [name]: e.target.value })}
        required={required}
      />
    </label>
  );
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError('');
    const sent = fields;
    setFields({ ...sent, id: '', api_model: '' });
    try {
      await saveModel({
        id: sent.id.trim(),
        provider: sent.provider,
        api_model: sent.api_model.trim() || sent.id.trim(),
        input_price: Number(sent.input_price),
        output_price: Number(sent.output_price),
        context_window: Number(sent.context_window),
        description: `Added by you for ${sent.provider}`,
      });
    } catch (err) {
      setFields(sent);
      setError((err as Error).message);
    }
  };
  return (
    <form className="inline-form" aria-label="Add model" onSubmit={submit}>
      <h3>Add a model</h3>
      {field('id', 'Model id')}
      <label>
        Served by
        <select value={fields.provider} onChange={(e) => setFields({ ...fields, provider: e.target.value })}>
          {providers.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
      </label>
      {field('api_model', 'API model name', 'text', false)}
      {field('input_price', 'Input $/M', 'number')}
      {field('output_price', 'Output $/M', 'number')}
      {field('context_window', 'Context window', 'number')}
      <button type="submit">Add model</button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}
