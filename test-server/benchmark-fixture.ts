// Fixture mode for benchmark runs: answers from a fixture file instead of the echo, so a pipeline run's scores are
// known in advance. Each entry names a model (its API name), the text that identifies the question (the benchmark
// query, found inside the prompt; the longest match wins), the answer to give, optionally a fault to inject the
// first `times` times (then the answer), and, for the tests, whether the answer is right (`score`: what a correct
// scorer must give it; absent when the pair is meant to fail).
import { readFileSync } from 'node:fs';

export interface FixtureEntry {
  model: string;
  match: string;
  answer: string;
  /** The score a correct scorer gives `answer`; absent when the pair is expected to fail. */
  score?: number;
  fault?: string;
  times?: number;
}

export interface BenchmarkFixtureFile {
  entries: FixtureEntry[];
}

export interface FixtureReply {
  answer: string;
  fault?: string;
}

export class BenchmarkFixture {
  private readonly byModel = new Map<string, FixtureEntry[]>();

  constructor(file: BenchmarkFixtureFile) {
    for (const entry of file.entries) this.byModel.set(entry.model, [...(this.byModel.get(entry.model) ?? []), { ...entry }]);
    for (const list of this.byModel.values()) list.sort((a, b) => b.match.length - a.match.length);
  }

  /** The fixture's reply to a prompt, or undefined when no entry matches (the server then echoes). */
  reply(model: string, prompt: string): FixtureReply | undefined {
    const entry = this.byModel.get(model)?.find((e) => prompt.includes(e.match));
    if (!entry) return undefined;
    if (entry.fault && (entry.times === undefined || entry.times > 0)) {
      if (entry.times !== undefined) entry.times -= 1;
      return { answer: entry.answer, fault: entry.fault };
    }
    return { answer: entry.answer };
  }
}

export function loadBenchmarkFixture(path: string): BenchmarkFixture {
  return new BenchmarkFixture(JSON.parse(readFileSync(path, 'utf8')) as BenchmarkFixtureFile);
}
