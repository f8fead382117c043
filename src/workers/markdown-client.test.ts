// The markdown worker's time limit, tried as an attacker would: a parse that never ends (the 52-second `a_a_…`
// answer) has its worker terminated at the limit and falls back, the next answer gets a fresh worker, a parse that
// throws (`>` x 10,000 overflows marked's stack) is reported, and answers replaced before their turn are never parsed.
import { describe, expect, it } from 'vitest';
import { MarkdownWorkerClient } from './markdown-client.ts';
import { htmlShape, markdownHtml } from './markdown-html.ts';
import { MARKDOWN_READY, type MarkdownReply, type MarkdownRequest } from './markdown-protocol.ts';

/** A stand-in worker running `markdownHtml` in this thread, except for texts starting "HANG", which it never answers. */
class FakeWorker {
  static made: FakeWorker[] = [];
  static readyAfterMs = 0;
  onmessage: ((e: MessageEvent<MarkdownReply>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  terminated = false;
  parsed: string[] = [];
  constructor() {
    FakeWorker.made.push(this);
    setTimeout(() => this.onmessage?.({ data: MARKDOWN_READY } as unknown as MessageEvent<MarkdownReply>), FakeWorker.readyAfterMs);
  }
  postMessage({ id, text }: MarkdownRequest) {
    this.parsed.push(text);
    if (text.startsWith('HANG')) return;
    setTimeout(() => {
      let reply: MarkdownReply;
      try {
        const html = markdownHtml(text);
        reply = { id, html, ...htmlShape(html) };
      } catch (e) {
        reply = { id, error: String(e) };
      }
      if (!this.terminated) this.onmessage?.({ data: reply } as MessageEvent<MarkdownReply>);
    }, 0);
  }
  terminate() {
    this.terminated = true;
  }
}

function client(limitMs = 1000) {
  FakeWorker.made = [];
  return new MarkdownWorkerClient(limitMs, () => new FakeWorker() as unknown as Worker);
}

describe('the markdown worker client', () => {
  it('ends a parse past its time limit with its worker, and parses the next answer in a fresh one', async () => {
    const c = client();
    const hung = c.parse('HANG a_a_a_a_');
    const next = c.parse('**fine**');
    expect(await hung).toEqual({ failed: 'took over 1000 ms' });
    expect(await next).toEqual({ html: '<p><strong>fine</strong></p>\n', depth: 2, elements: 2 });
    expect(FakeWorker.made.map((w) => w.terminated)).toEqual([true, false]);
  });

  it("counts the limit from when the worker is ready: a slow start on a busy machine is not the answer's fault", async () => {
    FakeWorker.readyAfterMs = 1500;
    try {
      expect(await client().parse('**fine**')).toEqual({ html: '<p><strong>fine</strong></p>\n', depth: 2, elements: 2 });
    } finally {
      FakeWorker.readyAfterMs = 0;
    }
  });

  it('reports a parse that overflows the stack instead of throwing into the page', async () => {
    const result = await client().parse(`${'>'.repeat(10_000)} deep`);
    expect(result).toMatchObject({ failed: expect.stringMatching(/Maximum call stack size exceeded/) });
  });

  it('never parses an answer replaced before its turn', async () => {
    const c = client();
    const abort = new AbortController();
    const first = c.parse('HANG');
    const stale = c.parse('stale text', abort.signal);
    abort.abort();
    expect(await stale).toEqual({ failed: 'superseded' });
    await first;
    expect(FakeWorker.made.flatMap((w) => w.parsed)).toEqual(['HANG']);
  });

  it('measures how many elements HTML has and how deeply they nest, void elements aside', () => {
    expect(htmlShape('<div>'.repeat(10_000))).toEqual({ depth: 10_000, elements: 10_000 });
    expect(htmlShape('<p>a<br>b<img src="x"></p><ul><li><em>c</em></li></ul>')).toEqual({ depth: 3, elements: 6 });
  });
});
