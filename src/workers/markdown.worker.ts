// The markdown worker: parses one answer at a time. A parse that throws (a stack overflow on deep nesting) is
// reported; one that runs too long is ended from outside, by the page terminating this worker.
import { htmlShape, markdownHtml } from './markdown-html.ts';
import { MARKDOWN_READY, type MarkdownReply, type MarkdownRequest } from './markdown-protocol.ts';

self.onmessage = (event: MessageEvent<MarkdownRequest>) => {
  const { id, text } = event.data;
  let reply: MarkdownReply;
  try {
    const html = markdownHtml(text);
    reply = { id, html, ...htmlShape(html) };
  } catch (e) {
    reply = { id, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
  self.postMessage(reply);
};

self.postMessage(MARKDOWN_READY);
