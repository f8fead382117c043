// Router files written before the flat router contract (one per router kind, test/fixtures/router-files, made with
// the registry of commit b697ed3; ensemble.json with main's at 0b3b8fa, after issue 24 changed its state) and the
// router files the repository ships still load, predict what they predicted then, and save back to the same file.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { loadRouter } from '../src/core/routers/registry.ts';
import { mulberry32 } from '../src/core/data/random.ts';

const DIR = 'test/fixtures/router-files';
const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

/** The queries the fixtures were predicted on: the first three of the generator's seeded samples. */
function fixtureQueries(): { text: string; embedding: Float32Array }[] {
  const random = mulberry32(7);
  return Array.from({ length: 3 }, (_, i) => {
    const embedding = Float32Array.from({ length: 8 }, () => random() * 2 - 1);
    return { text: `query ${i} ${embedding[0]! > 0 ? 'prove the theorem' : 'hello there'}`, embedding };
  });
}

describe('router files saved before the flat contract', () => {
  const queries = fixtureQueries();
  for (const name of readdirSync(DIR).filter((f) => f.endsWith('.json'))) {
    it(`${name} loads, predicts as it did and saves back to the same file`, async () => {
      const { file, predictions } = JSON.parse(readFileSync(`${DIR}/${name}`, 'utf8'));
      const router = loadRouter(file);
      expect(plain(router.toJSON())).toEqual(file);
      for (const [i, query] of queries.entries()) expect(plain(await router.predict(query))).toEqual(predictions[i]);
    });
  }
});

describe('router files the repository ships', () => {
  const shipped = execFileSync('git', ['ls-files', 'public', 'models'], { encoding: 'utf8' })
    .split('\n')
    .filter((path) => path.endsWith('.json') && readFileSync(path, 'utf8').includes('"llmrouter-web/router"'));
  it('are found', () => expect(shipped.length).toBeGreaterThanOrEqual(3));
  for (const path of shipped) {
    it(`${path} loads and saves back the same models and state`, () => {
      const file = JSON.parse(readFileSync(path, 'utf8'));
      const saved = plain(loadRouter(file).toJSON());
      expect([saved.router, saved.models, saved.state]).toEqual([file.router, file.models, file.state]);
    });
  }
});
