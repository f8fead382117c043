// Names read from files are keys like any other: an attacker's dataset naming a model `__proto__` or `constructor`,
// or a task `constructor`, neither loses a model, invents an outcome, nor breaks the saved dataset's record.
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../catalog/catalog.ts';
import { importRouterbench } from './importers/routerbench.ts';
import { importDcrouter } from './importers/dcrouter.ts';
import { importLlmrouter } from './importers/llmrouter.ts';
import { readNative } from './native.ts';
import { datasetStats } from './stats.ts';
import { modelsOf } from './sample.ts';
import { scoreMatrix } from '../routers/shared/outcomes.ts';
import { recordProblem, registerRecordSchemas } from '../../platform/browser/record-checks.ts';
import { recordSchemas } from '../../app/stores/record-schemas.ts';

const options = { catalog: defaultCatalog };
const HOSTILE = ['__proto__', 'constructor', 'toString'];

const csv = [
  'sample_id,prompt,eval_name,__proto__,constructor,toString,__proto__|total_cost,constructor|total_cost,toString|total_cost',
  'q1,hello,constructor,1,0,,0.001,0.002,',
  'q2,proof,__proto__,0,1,1,0.001,0.002,0.003',
].join('\n');

describe('names read from files', () => {
  it('a RouterBench column named __proto__ keeps its model, and a model not run on a row stays "not run"', () => {
    const samples = importRouterbench(csv, 'hostile.csv', options);
    expect(modelsOf(samples)).toEqual(HOSTILE);
    expect(Object.keys(samples[0]!.outcomes)).toEqual(['__proto__', 'constructor']);
    expect(samples[0]!.outcomes['__proto__']).toEqual({ score: 1, cost: 0.001 });
    const matrix = scoreMatrix({ samples, embeddings: [], models: HOSTILE });
    expect([...matrix.ran]).toEqual([1, 1, 0, 1, 1, 1]); // toString did not run on q1
    expect(datasetStats(samples).models.map((m) => [m.model, m.count])).toEqual([
      ['__proto__', 2],
      ['constructor', 2],
      ['toString', 1],
    ]);
  });

  it('a task named constructor counts as a task, and the saved dataset passes its schema after a structured clone', () => {
    registerRecordSchemas(recordSchemas);
    const samples = importRouterbench(csv, 'hostile.csv', options);
    const stats = datasetStats(samples);
    expect(Object.entries(stats.tasks)).toEqual([
      ['constructor', 1],
      ['__proto__', 1],
    ]);
    const record = structuredClone({ id: 'd1', name: 'hostile', format: 'routerbench', importedAt: 1, stats, samples });
    expect(recordProblem('datasets', 'd1', record)).toBeUndefined();
  });

  it('native JSONL, dcrouter JSON and LLMRouter JSONL keep a model named __proto__', () => {
    // Written as JSON text: in a JavaScript literal, `__proto__:` would set the prototype instead of naming a key.
    const native = readNative('{"id":"a","query":"q","outcomes":{"__proto__":{"score":1,"cost":0},"x":{"score":0,"cost":0}}}', 'n.jsonl');
    expect(Object.keys(native[0]!.outcomes)).toEqual(['__proto__', 'x']);
    const prices = JSON.parse('{"__proto__":{"input_price":1,"output_price":2}}') as Record<
      string,
      { input_price: number; output_price: number }
    >;
    const dc = importDcrouter('[{"question":"q","scores":{"__proto__":1,"gpt-4o":0}}]', 'd.json', { ...options, prices });
    expect(Object.keys(dc[0]!.outcomes)).toEqual(['__proto__', 'gpt-4o']);
    expect(dc[0]!.outcomes['__proto__']!.cost).toBeGreaterThan(0);
    // `constructor` has no price: a clear error, not Object's constructor read as its prices (a NaN cost).
    expect(() => importDcrouter('[{"question":"q","scores":{"constructor":1}}]', 'd.json', { ...options, prices })).toThrow(
      /model "constructor" is not in the catalog/,
    );
    const rows = ['__proto__', 'constructor'].map((m) =>
      JSON.stringify({ task_name: 't', query: 'q', model_name: m, performance: 1, cost: 0, ground_truth: 'A' }),
    );
    const long = importLlmrouter(rows.join('\n'), 'l.jsonl', options);
    expect(Object.keys(long[0]!.outcomes)).toEqual(['__proto__', 'constructor']);
  });
});
