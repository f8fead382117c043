// Messages between the page and the markdown worker: one text in, its HTML (with how deep it nests) or the error out.
export interface MarkdownRequest {
  id: number;
  text: string;
}

export type MarkdownReply = { id: number; html: string; depth: number } | { id: number; error: string };
