// Messages between the page and the markdown worker: it says when it is ready; then one text in, its HTML (with its element count
// and depth) or the error out.
export interface MarkdownRequest {
  id: number;
  text: string;
}

export type MarkdownReply = { id: number; html: string; depth: number; elements: number } | { id: number; error: string };

/** What the worker posts once its code has loaded: only then does a parse's time limit start. */
export const MARKDOWN_READY = 'markdown-worker-ready';
