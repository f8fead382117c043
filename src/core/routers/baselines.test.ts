import { describe, expect, it } from 'vitest';
import { loadRouter, createRouter } from './registry.ts';
import { decide } from './decide.ts';
import { clusters, split } from '../../../test/helpers/synthetic.ts';
import { expectRoundTrip } from '../../../test/helpers/router-checks.ts';

const data = clusters(200);
const [train, test] = split(data, 150);

describe('baseline routers', () => {
  it('cheapest always takes the cheapest allowed model, at any lambda', async () => {
    const r = createRouter('smallest');
    await r.fit(train);
    const p = await r.predict({ text: 'anything' });
    expect(decide(p.estimates, { lambda: 0 }).model).toBe('mathematician');
    expect(decide(p.estimates, { lambda: 0, allowed: ['coder', 'generalist'] }).model).toBe('coder');
    await expectRoundTrip(r, test);
  });

  it('best-single takes the best model on the training data', async () => {
    const r = createRouter('largest');
    await r.fit(train);
    const p = await r.predict({ text: 'anything' });
    expect(decide(p.estimates, { lambda: 0 }).model).toBe('generalist');
    expect(decide(p.estimates, { lambda: 5 }).model).not.toBe('generalist');
    await expectRoundTrip(r, test);
  });

  it('random is deterministic per query and spreads over the models', async () => {
    const r = createRouter('random', { seed: 3 });
    await r.fit(train);
    const picks = new Set<string>();
    for (const s of test.samples) picks.add(decide((await r.predict({ text: s.query })).estimates, { lambda: 0 }).model);
    expect(picks.size).toBe(3);
    const q = { text: 'same query' };
    expect((await r.predict(q)).estimates).toEqual((await r.predict(q)).estimates);
    await expectRoundTrip(r, test);
  });

  it('oracle takes the cheapest model that scored best on the queries it knows', async () => {
    const r = createRouter('oracle');
    await r.fit(test);
    for (let i = 0; i < 6; i++) {
      const s = test.samples[i]!;
      expect(decide((await r.predict({ text: s.query })).estimates, { lambda: 0 }).model).toBe(
        s.task === 'python' ? 'coder' : 'mathematician',
      );
    }
    await expect(r.predict({ text: 'unseen' })).rejects.toThrow(/only knows the queries/);
  });

  it('refuses to predict untrained, and names what is wrong in a bad file', async () => {
    await expect(createRouter('best-single').predict({ text: 'x' })).rejects.toThrow(/not trained/);
    const r = createRouter('best-single');
    await r.fit(train);
    const file = r.toJSON() as unknown as { state: { learned: { meanQuality: number[] } } };
    file.state.learned.meanQuality = [1];
    expect(() => loadRouter(file)).toThrow(/meanQuality has 1 values, expected 3/);
    expect(() => loadRouter({ format: 'something-else' })).toThrow(/not a router file/);
    expect(() => loadRouter({ ...r.toJSON(), version: 9 })).toThrow(/version 9 is not supported/);
    expect(() => loadRouter({ ...r.toJSON(), router: 'nope' })).toThrow(/unknown router "nope"/);
    expect(() => createRouter('knn', { k: -1 })).toThrow(/knn options.k/);
  });
});
