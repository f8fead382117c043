// A model answer rendered as sanitised markdown with highlighted code.
import { useMemo } from 'react';
import { renderMarkdown } from '../markdown.ts';

export function Markdown({ text }: { text: string }) {
  const html = useMemo(() => renderMarkdown(text), [text]);
  return <div className="markdown" dangerouslySetInnerHTML={{ __html: html }} />;
}
