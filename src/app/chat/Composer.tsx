// The message box at the bottom of the thread, with the per-message "send to" override and the
// conversation's routing mode and context; a note while the on-device encoder is still loading.
import { useState } from 'react';
import { send, stop, useChatRun } from './chat-actions.ts';
import { ConversationSettings } from './ConversationSettings.tsx';
import { useEncoder } from '../stores/encoder.ts';

export function Composer({ models, disabled }: { models: readonly string[]; disabled?: string }) {
  const [text, setText] = useState('');
  const [sendTo, setSendTo] = useState('');
  const running = useChatRun((s) => s.running);
  const encoderLoading = useEncoder((s) => s.status === 'loading' || s.status === 'off');
  const submit = () => {
    if (!text.trim() || running) return;
    void send(text, sendTo || undefined);
    setText('');
  };
  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <textarea
        aria-label="Message"
        placeholder={disabled ?? 'Ask anything — it is routed on your device first'}
        disabled={!!disabled}
        value={text}
        rows={Math.min(8, Math.max(2, text.split('\n').length))}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            submit();
          }
        }}
      />
      {encoderLoading && (
        <p className="muted" role="status" aria-label="Encoder loading">
          The on-device encoder is loading: until it is ready, the default router routes by the message's words alone.
        </p>
      )}
      <div className="composer-bar">
        <label>
          Send to{' '}
          <select aria-label="Send to" value={sendTo} onChange={(e) => setSendTo(e.target.value)}>
            <option value="">the routed model (auto)</option>
            {models.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        <ConversationSettings />
        {running ? (
          <button type="button" onClick={stop}>
            Stop
          </button>
        ) : (
          <button type="submit" className="primary" disabled={!!disabled || !text.trim()}>
            Send
          </button>
        )}
      </div>
    </form>
  );
}
