// The open conversation: its messages, each in its own error boundary, kept scrolled to the newest while an answer streams.
import { useEffect, useRef } from 'react';
import type { Conversation } from '../stores/conversations.ts';
import { MessageView } from './MessageView.tsx';
import { MessageBoundary } from './MessageBoundary.tsx';

export function Thread({ conversation, models }: { conversation: Conversation; models: readonly string[] }) {
  const end = useRef<HTMLDivElement>(null);
  const last = conversation.messages.at(-1);
  useEffect(() => {
    // Braces matter: recent Chromium returns a promise from scrollIntoView, which React must not get back.
    void end.current?.scrollIntoView({ block: 'end' });
  }, [conversation.messages.length, last?.content]);
  return (
    <section className="thread" aria-label="Thread">
      {conversation.messages.length === 0 && <p className="muted center">Say something to start “{conversation.title}”.</p>}
      {conversation.messages.map((m) => (
        <MessageBoundary key={m.id} text={m.content}>
          <MessageView message={m} models={models} last={m === last} />
        </MessageBoundary>
      ))}
      <div ref={end} />
    </section>
  );
}
