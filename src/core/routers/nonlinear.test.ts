// Routers that can represent a query-dependent choice no linear score of the embedding makes (XOR clusters):
// the best constant policy scores 0.6, the solver 1.
import { describe, expect, it } from 'vitest';
import { createRouter } from './registry.ts';
import { split, xorClusters } from '../../../test/helpers/synthetic.ts';
import { solverAccuracy } from '../../../test/helpers/router-checks.ts';

const data = xorClusters(480);
const [train, test] = split(data, 360);
const solver = (i: number) => data.solver[360 + i]!;

describe.each([
  ['knn', {}],
  ['sw-ranking', {}],
  ['mlp', {}],
  ['graph', { epochs: 40, hidden: 16 }],
  ['ensemble', { members: ['knn', 'mlp'] }],
])('%s on XOR clusters', (name, options) => {
  it('routes each query to its solver, where no constant policy does better than half', async () => {
    const r = createRouter(name, options);
    await r.fit(train);
    expect(await solverAccuracy(r, test, solver)).toBeGreaterThanOrEqual(0.9);
  });
});
