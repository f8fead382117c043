import { describe, expect, it } from 'vitest';
import { createRouter } from './registry.ts';
import { decide } from './decide.ts';
import { clusters, split } from '../../../test/helpers/synthetic.ts';
import { expectRoundTrip, solverAccuracy } from '../../../test/helpers/router-checks.ts';

const [train, test] = split(clusters(400), 300);
const solver = (i: number) => (test.samples[i]!.task === 'python' ? 'coder' : 'mathematician');
const pair = { small: 'mathematician', large: 'coder' };

describe('hybrid-llm router', () => {
  for (const labels of ['deterministic', 'probabilistic', 'transformed'] as const) {
    it(`sends to the large model exactly the queries the small one fails (${labels} labels)`, async () => {
      const r = createRouter('hybrid-llm', { ...pair, labels });
      await r.fit(train);
      expect(await solverAccuracy(r, test, solver)).toBe(1);
    });
  }

  it('calibrates its threshold to the target share of large-model calls', async () => {
    const r = createRouter('hybrid-llm', { ...pair, labels: 'deterministic', largeShare: 0.2 });
    await r.fit(train);
    let large = 0;
    for (let i = 0; i < train.samples.length; i++) {
      const p = await r.predict({ text: '', embedding: train.embeddings[i] });
      if (decide(p.estimates, { lambda: 0 }).model === 'coder') large++;
    }
    expect(large / train.samples.length).toBeCloseTo(0.2, 1);
    const [small, largeEstimate] = (await r.predict({ text: '', embedding: test.embeddings[0] })).estimates;
    expect(small!.threshold).toBeUndefined();
    expect(largeEstimate).toMatchObject({ model: 'coder', threshold: true }); // a threshold, not a predicted quality
    await expectRoundTrip(r, test);
  });

  it('defaults to the cheapest and the best model, and names a model it does not know', async () => {
    const r = createRouter('hybrid-llm');
    await r.fit(train);
    expect((await r.predict({ text: '', embedding: test.embeddings[0] })).estimates.map((e) => e.model)).toEqual([
      'mathematician',
      'generalist',
    ]);
    await expect(createRouter('hybrid-llm', { small: 'nope' }).fit(train)).rejects.toThrow(/"nope" is not in the training data/);
  });
});
