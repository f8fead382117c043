// The arms of an online router, pooled: a shared linear arm learns from every outcome what all models have in common
// at a query (how hard it is), and each model's own arm learns only its residual against the offset plus that shared
// part (backfitting, one outcome at a time). Without the pool each arm learns the query's difficulty from the few
// queries it was chosen for, and compares with arms that learned it elsewhere: a model tried only on hard queries
// looks worse than one tried on easy ones. Each model's raw rewards are counted too, for the leader: the model with
// the best mean reward so far (shrunk toward its prior), which the greedy choice leaves only for a model estimated
// better by `margin` at this query (half of it after 50 outcomes of the leader's) (a conservative exploit: a noisy
// per-query estimate alone does not move traffic off the model that has been best on average).
import { z } from 'zod';
import type { ModelEstimate } from '../routers/router.ts';
import { LinearArm, armSchema, newArm } from './linear-arm.ts';

export const poolSchema = z
  .object({
    /** The arm every outcome trains; absent in files saved before the pool (then it starts fresh). */
    shared: armSchema.optional(),
    arms: z.array(armSchema),
    /** Each model's sum of rewards (its count is its arm's n); absent in older files (then no leader is favoured). */
    totals: z.array(z.number()).optional(),
  })
  .strict();
export type PoolState = z.infer<typeof poolSchema>;

/** The online routers' default margin (option `leaderMargin`). */
export const LEADER_MARGIN = 0.05;
/** Pseudo-outcomes of its prior each model's mean reward starts with, for the leader. */
const LEADER_PSEUDO = 2;
/** The leader's outcomes at which it gets half the margin (none before its first: no leader yet). */
const LEADER_EVIDENCE = 50;

export class PooledArms {
  readonly shared: LinearArm;
  readonly arms: LinearArm[];
  readonly totals: number[] | undefined;
  /** Loaded from a file saved before the pool: saved back as it was until the shared arm learns. */
  private readonly legacy: boolean;

  constructor(state: PoolState, dim: number, ridge: number) {
    if (state.arms.some((a) => a.b.length !== dim) || (state.shared && state.shared.b.length !== dim))
      throw new Error(`invalid router file: every arm must hold ${dim} features`);
    if (state.totals && state.totals.length !== state.arms.length)
      throw new Error(`invalid router file: state.totals must hold one sum per arm (${state.arms.length})`);
    this.shared = new LinearArm(state.shared ?? newArm(dim, ridge));
    this.arms = state.arms.map((a) => new LinearArm(a));
    this.totals = state.totals && [...state.totals];
    this.legacy = !state.shared && !state.totals;
  }

  static fresh(models: number, dim: number, ridge: number): PooledArms {
    const arms = Array.from({ length: models }, () => newArm(dim, ridge));
    return new PooledArms({ arms, totals: arms.map(() => 0) }, dim, ridge);
  }

  get state(): PoolState {
    const arms = this.arms.map((a) => a.state);
    if (this.legacy && this.shared.state.n === 0) return { arms };
    return { shared: this.shared.state, arms, ...(this.totals ? { totals: [...this.totals] } : {}) };
  }

  /** The learned correction of model `j`'s offset at features `x`: the shared part plus its own. */
  mean(j: number, x: Float64Array): number {
    return this.shared.mean(x) + this.arms[j]!.mean(x);
  }

  /** Learns `reward` of model `j`, whose offset at this query was `offset`; `pool` false: its own arm alone learns it. */
  update(j: number, x: Float64Array, reward: number, offset: number, pool = true): void {
    const arm = this.arms[j]!;
    if (pool) this.shared.update(x, reward - offset - arm.mean(x));
    arm.update(x, reward - offset - this.shared.mean(x));
    if (this.totals) this.totals[j] = this.totals[j]! + reward;
  }

  /** Revises model `j`'s reward already learned at `x` by `delta`. */
  revise(j: number, x: Float64Array, delta: number): void {
    this.arms[j]!.revise(x, delta);
    if (this.totals) this.totals[j] = this.totals[j]! + delta;
  }

  /** Keeps the arms (and sums) of the models at `keep` (-1: a fresh arm), in that order. */
  remap(keep: readonly number[], dim: number, ridge: number): PooledArms {
    const state = {
      shared: this.shared.state,
      arms: keep.map((k) => (k < 0 ? newArm(dim, ridge) : this.arms[k]!.state)),
      ...(this.totals ? { totals: keep.map((k) => (k < 0 ? 0 : this.totals![k]!)) } : {}),
    };
    return new PooledArms(state, dim, ridge);
  }

  /** The estimates with the leader's quality raised by up to `margin` as its outcomes grow (a copy; the leader: the
   * model with the best mean reward shrunk toward its prior). */
  favourLeader(estimates: readonly ModelEstimate[], priors: readonly number[], margin: number): ModelEstimate[] {
    const totals = this.totals;
    if (margin === 0 || !totals) return [...estimates];
    const mean = (j: number) => (totals[j]! + LEADER_PSEUDO * priors[j]!) / (this.arms[j]!.state.n + LEADER_PSEUDO);
    let leader = 0;
    for (let j = 1; j < estimates.length; j++) if (mean(j) > mean(leader)) leader = j;
    const n = this.arms[leader]!.state.n;
    const raise = (margin * n) / (n + LEADER_EVIDENCE);
    return estimates.map((e, j) => (j === leader ? { ...e, quality: e.quality + raise } : e));
  }
}
