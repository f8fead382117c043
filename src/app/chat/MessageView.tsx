// One message of the thread: the text (markdown for answers), its routing badge, fallbacks and errors shown
// plainly, and the answer's actions: copy, stop, regenerate (with another model), thumbs and a 1-5 rating.
import { ThumbUpIcon, ThumbDownIcon } from '../components/icons.tsx';
import { useState } from 'react';
import type { ChatMessage } from '../stores/conversations.ts';
import { Markdown } from './Markdown.tsx';
import { RoutingBadge } from './RoutingBadge.tsx';
import { ModeTrace } from './ModeTrace.tsx';
import { SpendLine } from './SpendLine.tsx';
import { giveFeedback, regenerate, stop } from './chat-actions.ts';

interface Props {
  message: ChatMessage;
  /** Models the user may pick for "regenerate with". */
  models: readonly string[];
  last: boolean;
}

export function MessageView({ message, models, last }: Props) {
  if (message.role === 'user') {
    return (
      <article className="message user" aria-label="Your message">
        <p>{message.content}</p>
      </article>
    );
  }
  const busy = message.status === 'routing' || message.status === 'streaming';
  const modeModel = message.modeRun?.result?.model;
  const answerFrom = message.routing ? ` from ${message.routing.model}` : message.modeRun?.result ? ` from ${modeModel}` : '';
  return (
    <article className="message assistant" aria-label={`Answer${answerFrom}`} aria-busy={busy}>
      {message.routing && <RoutingBadge routing={message.routing} />}
      {message.modeRun && <ModeTrace run={message.modeRun} />}
      <Fallbacks message={message} />
      {message.status === 'routing' && <p className="muted">Routing on your device…</p>}
      {message.content && <Markdown text={message.content} />}
      {message.status === 'stopped' && <p className="muted">Stopped.</p>}
      {message.outcomeId && !busy && <SpendLine outcomeId={message.outcomeId} />}
      {message.error && (
        <p className="error" role="alert">
          {message.error}
        </p>
      )}
      <div className="actions">
        {busy ? (
          <button onClick={stop}>Stop</button>
        ) : (
          <>
            <CopyButton text={message.content} />
            {last && <button onClick={() => void regenerate(message.id)}>Regenerate</button>}
            {last && <RegenerateWith models={models.filter((m) => m !== message.routing?.model)} messageId={message.id} />}
            {message.outcomeId && <Feedback message={message} />}
          </>
        )}
      </div>
    </article>
  );
}

function Fallbacks({ message }: { message: ChatMessage }) {
  const attempts = message.attempts ?? [];
  if (!attempts.some((a) => a.error)) return null;
  return (
    <ul className="fallbacks" aria-label="Fallbacks">
      {attempts.map((a, i) =>
        a.error ? (
          <li key={i}>
            ⚠ {a.model} failed: {a.error}
            {attempts[i + 1] && ` — fell back to ${attempts[i + 1]!.model}`}
          </li>
        ) : null,
      )}
    </ul>
  );
}

function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      onClick={() =>
        void navigator.clipboard.writeText(text).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        })
      }
    >
      {copied ? 'Copied' : 'Copy'}
    </button>
  );
}

function RegenerateWith({ models, messageId }: { models: readonly string[]; messageId: string }) {
  if (models.length === 0) return null;
  return (
    <select
      aria-label="Regenerate with another model"
      value=""
      onChange={(e) => e.target.value && void regenerate(messageId, e.target.value)}
    >
      <option value="">Regenerate with…</option>
      {models.map((m) => (
        <option key={m} value={m}>
          {m}
        </option>
      ))}
    </select>
  );
}

function Feedback({ message }: { message: ChatMessage }) {
  const fb = message.feedback ?? {};
  return (
    <span className="feedback">
      <button aria-label="Good answer" aria-pressed={fb.thumbs === 'up'} onClick={() => void giveFeedback(message.id, { thumbs: 'up' })}>
        <ThumbUpIcon />
      </button>
      <button aria-label="Bad answer" aria-pressed={fb.thumbs === 'down'} onClick={() => void giveFeedback(message.id, { thumbs: 'down' })}>
        <ThumbDownIcon />
      </button>
      <select
        aria-label="Rate this answer"
        value={fb.rating ?? ''}
        onChange={(e) => void giveFeedback(message.id, { rating: Number(e.target.value) })}
      >
        <option value="" disabled>
          Rate…
        </option>
        {[1, 2, 3, 4, 5].map((r) => (
          <option key={r} value={r}>
            {'★'.repeat(r)}
          </option>
        ))}
      </select>
    </span>
  );
}
