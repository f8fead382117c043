// `llmrouter score --in answers.jsonl --out scored.jsonl`: every answer of a file scored, code answers by one
// sandbox process for the whole batch (a fresh interpreter per answer inside it). Each line is a benchmark query in
// LLMRouter's or the native format with the answer in `response` (as in LLMRouter's routing JSONL); each comes out
// as it went in plus `score` (and `score_detail` when a code answer did not pass). Progress on stderr.
import { DataError } from '../core/data/data-error.ts';
import { readJsonLines } from '../core/data/json-records.ts';
import { readBenchmarkQueries } from '../core/pipeline/benchmark-item.ts';
import { scorerFor, type ScoreContext } from '../core/pipeline/scorers/registry.ts';
import { readText, writeTextAtomic } from '../platform/node/files.ts';
import { createNodePythonRunner } from '../platform/node/python-runner.ts';

interface Answer {
  record: Record<string, unknown>;
  response: string;
}

function answersOf(text: string, file: string): Answer[] {
  return readJsonLines(text, file).map(({ line, value }) => {
    const record = value as Record<string, unknown>;
    if (typeof record.response !== 'string') throw new DataError({ file, line, field: 'response' }, 'missing: the answer to score');
    if (String(record.metric).toLowerCase() === 'llm_judge') {
      throw new DataError({ file, line, field: 'metric' }, 'llm_judge calls a model: use llmrouter generate --judge MODEL');
    }
    return { record, response: record.response };
  });
}

export async function scoreFile(inFile: string, outFile: string): Promise<void> {
  const text = await readText(inFile);
  const items = readBenchmarkQueries(text, inFile);
  const answers = answersOf(text, inFile);
  const code = items.filter((i) => i.metric.toLowerCase() === 'code_eval').length;
  const python = code > 0 ? createNodePythonRunner() : undefined;
  const context: ScoreContext = python ? { python } : {};
  const lines: string[] = [];
  try {
    for (const [i, item] of items.entries()) {
      const { score, detail } = await scorerFor(item.metric)(answers[i]!.response, item, context);
      lines.push(JSON.stringify({ ...answers[i]!.record, score, ...(detail ? { score_detail: detail } : {}) }));
      process.stderr.write(`\rscored ${i + 1}/${items.length}`);
    }
  } finally {
    python?.close();
  }
  await writeTextAtomic(outFile, lines.map((l) => `${l}\n`).join(''));
  const started = python?.sandboxesStarted ?? 0;
  const processes = python ? `; ${code} code answers in ${started} sandbox process${started === 1 ? '' : 'es'}` : '';
  process.stderr.write(`\rscored ${items.length} answers into ${outFile}${processes}\n`);
}
