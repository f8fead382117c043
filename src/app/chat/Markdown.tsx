// A model answer rendered as sanitised markdown with highlighted code, parsed off the main thread: until its parse
// is back (and for an answer too large, too slow or too deeply nested to format) it shows as plain text.
import { useEffect, useState } from 'react';
import { knownRendering, MARKDOWN_LIMITS, renderAnswer, type Rendering } from '../markdown.ts';

export function Markdown({ text }: { text: string }) {
  const [shown, setShown] = useState<{ text: string; rendering: Rendering } | undefined>(() => {
    const known = knownRendering(text);
    return known && { text, rendering: known };
  });
  useEffect(() => {
    const known = knownRendering(text);
    if (known) return setShown({ text, rendering: known });
    const abort = new AbortController();
    void renderAnswer(text, abort.signal).then((rendering) => {
      if (!abort.signal.aborted) setShown({ text, rendering });
    });
    return () => abort.abort();
  }, [text]);
  // While an answer streams, its previous rendering stays until the new one is back.
  if (shown?.rendering.kind === 'html') {
    return (
      <div
        className="markdown"
        data-render={shown.text === text ? 'markdown' : 'pending'}
        dangerouslySetInnerHTML={{ __html: shown.rendering.html }}
      />
    );
  }
  return <PlainText text={text} note={shown?.text === text ? shown.rendering.kind === 'text' && shown.rendering.reason : undefined} />;
}

/** An answer as escaped text (at most MARKDOWN_LIMITS.textChars of it), with why it is not formatted when it never will be. */
export function PlainText({ text, note }: { text: string; note?: string | false }) {
  const cut = text.length > MARKDOWN_LIMITS.textChars;
  const shownChars = MARKDOWN_LIMITS.textChars.toLocaleString('en');
  return (
    <div className="markdown plain" data-render={note ? 'text' : 'pending'}>
      <p className="plain-text">{cut ? text.slice(0, MARKDOWN_LIMITS.textChars) : text}</p>
      {cut && (
        <p className="muted">
          … the first {shownChars} of {text.length.toLocaleString('en')} characters (Copy copies all of it)
        </p>
      )}
      {note && (
        <p className="muted" aria-label="Shown as plain text">
          Shown as plain text: {note}.
        </p>
      )}
    </div>
  );
}
