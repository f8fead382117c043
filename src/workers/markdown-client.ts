// The page's side of the markdown worker: parses run one at a time, each under a time limit counted from when the
// worker is ready (loading its code on a busy machine is not the answer's fault; a worker not ready within
// STARTUP_MS fails the job); a parse past the limit has its worker terminated (a fresh one takes the next job), so
// no answer can hold the worker, let alone the page.
// Jobs whose answer changed or left the screen before their turn are dropped unparsed.
import { MARKDOWN_READY, type MarkdownReply, type MarkdownRequest } from './markdown-protocol.ts';

const STARTUP_MS = 20_000;

export type ParseResult = { html: string; depth: number; elements: number } | { failed: string };

interface Job {
  id: number;
  text: string;
  signal?: AbortSignal;
  resolve(result: ParseResult): void;
}

export class MarkdownWorkerClient {
  private worker: Worker | undefined;
  private ready = false;
  private readonly queue: Job[] = [];
  private current: (Job & { timer: ReturnType<typeof setTimeout> }) | undefined;
  private nextId = 1;

  constructor(
    private readonly limitMs: number,
    private readonly create: () => Worker = () =>
      new Worker(new URL('./markdown.worker.ts', import.meta.url), { type: 'module', name: 'markdown' }),
  ) {}

  parse(text: string, signal?: AbortSignal): Promise<ParseResult> {
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, text, signal, resolve });
      this.pump();
    });
  }

  private pump(): void {
    if (this.current) return;
    let job = this.queue.shift();
    while (job?.signal?.aborted) {
      job.resolve({ failed: 'superseded' });
      job = this.queue.shift();
    }
    if (!job) return;
    this.worker ??= this.spawn();
    const timer = setTimeout(() => this.kill('the markdown worker did not start'), STARTUP_MS);
    this.current = { ...job, timer };
    if (this.ready) this.send();
  }

  /** Hands the current job to the ready worker and starts its time limit. */
  private send(): void {
    const job = this.current!;
    clearTimeout(job.timer);
    job.timer = setTimeout(() => this.kill(`took over ${this.limitMs} ms`), this.limitMs);
    this.worker!.postMessage({ id: job.id, text: job.text } satisfies MarkdownRequest);
  }

  private spawn(): Worker {
    const worker = this.create();
    this.ready = false;
    worker.onmessage = (event: MessageEvent<MarkdownReply | typeof MARKDOWN_READY>) => {
      const reply = event.data;
      if (reply === MARKDOWN_READY) {
        this.ready = true;
        if (this.current) this.send();
        return;
      }
      if (reply.id !== this.current?.id) return;
      this.finish('error' in reply ? { failed: reply.error } : { html: reply.html, depth: reply.depth, elements: reply.elements });
    };
    worker.onerror = (event) => {
      event.preventDefault();
      this.kill(event.message || 'the markdown worker failed');
    };
    return worker;
  }

  /** Ends the running parse: its worker goes, the next job gets a fresh one. */
  private kill(reason: string): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.finish({ failed: reason });
  }

  private finish(result: ParseResult): void {
    const job = this.current;
    if (!job) return;
    clearTimeout(job.timer);
    this.current = undefined;
    job.resolve(result);
    this.pump();
  }
}
