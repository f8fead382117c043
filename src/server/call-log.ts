// The gateway's JSONL log: every attempt (`"type":"attempt"`), every routed call (`"type":"routed-call"`) and
// every rating (`"type":"feedback"`), one record a line, through one append stream so lines from concurrent
// calls never interleave. It survives crashes: a line torn by one is skipped (and reported) when the log is
// read back, and the next record starts on a line of its own. Records written together (before the next microtask) go
// to the stream as one chunk, handed over before the call that wrote them goes on. Writes wait while the disk
// falls behind (backpressure reaches the calls); a failing disk is reported, never thrown into a call that already
// happened.
import { createReadStream, createWriteStream, existsSync, openSync, readSync, closeSync, fstatSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

export class CallLog {
  private readonly stream: WriteStream;
  /** Resolves when the stream next drains: every write waiting for the disk waits on this one promise. */
  private draining?: Promise<unknown>;
  /** Lines written since the last hand-over, given to the stream together in the next microtask. */
  private pending = '';
  /** The error that stopped the stream, if one did: later records are dropped and counted. */
  failure?: Error;
  dropped = 0;

  constructor(
    readonly path: string,
    onError: (error: Error) => void = () => {},
  ) {
    const torn = endsMidLine(path);
    this.stream = createWriteStream(path, { flags: 'a', encoding: 'utf8' });
    this.stream.on('error', (e) => {
      this.failure ??= e;
      onError(e);
    });
    if (torn) this.stream.write('\n');
  }

  /** Appends a record; resolves at once, or once the disk has caught up when too much is waiting. */
  async write<T extends { type: string }>(record: T): Promise<void> {
    if (this.failure) {
      this.dropped += 1;
      return;
    }
    if (this.pending === '') queueMicrotask(() => this.handOver());
    this.pending += `${JSON.stringify(record)}\n`;
    if (!this.stream.writableNeedDrain) return;
    // once() also settles on an 'error' event, which the listener above records.
    this.draining ??= once(this.stream, 'drain')
      .catch(() => {})
      .finally(() => (this.draining = undefined));
    await this.draining;
  }

  private handOver(): void {
    if (this.pending === '' || this.stream.destroyed) return;
    this.stream.write(this.pending);
    this.pending = '';
  }

  /** Resolves once every line written so far is on disk. */
  flushed(): Promise<void> {
    this.handOver();
    return new Promise((resolve, reject) => this.stream.write('', (e) => (e ? reject(e) : resolve())));
  }

  async close(): Promise<void> {
    if (this.stream.destroyed) return;
    this.handOver();
    this.stream.end();
    await once(this.stream, 'close').catch(() => {});
  }
}

/** Whether the file's last byte is not a newline (a crash tore its last record). */
function endsMidLine(path: string): boolean {
  if (!existsSync(path)) return false;
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return false;
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } finally {
    closeSync(fd);
  }
}

export interface LogReadReport {
  /** Lines that were not a JSON object with a `type`, by their 1-based number (the first 20), and how many. */
  skipped: { line: number; reason: string }[];
  skippedCount: number;
}

/** Reads the log's records of the given types, line by line (the file may be large), skipping unreadable lines. */
export async function readCallLog(
  path: string,
  types: ReadonlySet<string>,
  onRecord: (record: Record<string, unknown> & { type: string }) => void,
): Promise<LogReadReport> {
  const report: LogReadReport = { skipped: [], skippedCount: 0 };
  if (!existsSync(path)) return report;
  const skip = (line: number, reason: string) => {
    report.skippedCount += 1;
    if (report.skipped.length < 20) report.skipped.push({ line, reason });
  };
  let number = 0;
  for await (const line of createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })) {
    number += 1;
    if (line.trim() === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (e) {
      skip(number, (e as Error).message);
      continue;
    }
    const type = (record as { type?: unknown } | null)?.type;
    if (typeof record !== 'object' || record === null || typeof type !== 'string') skip(number, 'not a record with a "type"');
    else if (types.has(type)) onRecord(record as Record<string, unknown> & { type: string });
  }
  return report;
}
