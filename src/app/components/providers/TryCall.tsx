// Sends one message through the routed call to models the user lists, best first: the answer streams in,
// each part marked with the model that wrote it, and every fallback, retry and skip is shown.
import { useRef, useState, type FormEvent } from 'react';
import { defaultCatalog } from '../../../core/catalog/catalog.ts';
import type { RoutedEvent, RoutedResult } from '../../../core/providers/routed-call.ts';
import { useCalls } from '../../stores/calls.ts';

function note(event: RoutedEvent): string | undefined {
  if (event.type === 'fallback') return `fell back from ${event.from} to ${event.to}${event.resumed ? ' (continuing the answer)' : ''}`;
  if (event.type === 'failed') return `${event.model} failed (${event.kind}); ${event.next}`;
  if (event.type === 'skipped') return `skipped ${event.model} (${event.reason})`;
  return undefined;
}

export function TryCall() {
  const caller = useCalls((s) => s.caller);
  const [models, setModels] = useState('gpt-4o-mini, claude-haiku-4-5');
  const [message, setMessage] = useState('');
  const [parts, setParts] = useState<{ model: string; text: string }[]>([]);
  const [notes, setNotes] = useState<string[]>([]);
  const [result, setResult] = useState<RoutedResult | null>(null);
  const abort = useRef<AbortController | null>(null);

  const send = async (e: FormEvent) => {
    e.preventDefault();
    setParts([]);
    setNotes([]);
    setResult(null);
    abort.current = new AbortController();
    const ranking = models
      .split(',')
      .map((m) => ({ model: m.trim() }))
      .filter((m) => m.model);
    const done = await caller(defaultCatalog.models).call({
      ranking,
      messages: [{ role: 'user', content: message }],
      signal: abort.current.signal,
      onEvent(event) {
        if (event.type === 'token')
          setParts((p) =>
            p.at(-1)?.model === event.model
              ? [...p.slice(0, -1), { model: event.model, text: p.at(-1)!.text + event.text }]
              : [...p, { model: event.model, text: event.text }],
          );
        const n = note(event);
        if (n) setNotes((list) => [...list, n]);
      },
    });
    abort.current = null;
    setResult(done);
  };

  return (
    <form className="try-call" aria-label="Try a call" onSubmit={send}>
      <label>
        Models, best first (catalog ids)
        <input value={models} onChange={(e) => setModels(e.target.value)} />
      </label>
      <label>
        Message
        <input value={message} onChange={(e) => setMessage(e.target.value)} required />
      </label>
      <button type="submit">Send</button>
      <button type="button" onClick={() => abort.current?.abort()}>
        Stop
      </button>
      <div aria-label="answer" className="answer">
        {parts.map((p, i) => (
          <span key={i} data-model={p.model} title={p.model} className={i > 0 ? 'resumed' : undefined}>
            {p.text}
          </span>
        ))}
      </div>
      <ul aria-label="call events">
        {notes.map((n, i) => (
          <li key={i}>{n}</li>
        ))}
      </ul>
      {result && (
        <p role="status" aria-label="call result">
          {result.complete ? 'Complete' : `Stopped${result.error ? ` (${result.error.kind}): ${result.error.message}` : ''}`} ·{' '}
          {result.segments.map((s) => s.model).join(' + ') || 'no model'} · ${result.cost.toFixed(6)}
        </p>
      )}
    </form>
  );
}
