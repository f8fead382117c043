// The gateway's JSONL log: every attempt (`"type":"attempt"`) and every routed call (`"type":"routed-call"`),
// one record a line, through one append stream so lines from concurrent calls never interleave; closing
// waits until every line is on disk.
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

export class CallLog {
  private readonly stream: WriteStream;

  constructor(path: string) {
    this.stream = createWriteStream(path, { flags: 'a', encoding: 'utf8' });
  }

  write<T extends { type: string }>(record: T): void {
    this.stream.write(`${JSON.stringify(record)}\n`);
  }

  /** Resolves once every line written so far is on disk. */
  flushed(): Promise<void> {
    return new Promise((resolve, reject) => this.stream.write('', (e) => (e ? reject(e) : resolve())));
  }

  async close(): Promise<void> {
    this.stream.end();
    await once(this.stream, 'finish');
  }
}
