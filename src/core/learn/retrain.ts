// Retraining from feedback, generic over the router family: the router in use (unwrapped if it already carries
// feedback) gets a fresh feedback layer fitted on every logged sample, after a k-fold check on held-out logged
// samples: the layer must predict the held-out answers' scores at least as well as the base router alone (mean
// absolute error over the logged models), or it is not used, and the check says why.
import type { Router, RouterFile, TrainingData } from '../routers/router.ts';
import { permutation } from '../routers/shared/vectors.ts';
import { mulberry32 } from '../data/random.ts';
import { createRouter } from '../routers/registry.ts';
import { type FeedbackLayer, corrected, correction, residualsOf, type FeedbackOptions } from './feedback-layer.ts';
import { own } from '../data/named-record.ts';

export interface RefitCheck {
  folds: number;
  /** Logged answers scored while held out. */
  heldOut: number;
  /** Mean absolute error of the base router's estimates on the held-out answers. */
  errorWithout: number;
  /** The same with the feedback layer fitted on the other folds. */
  errorWith: number;
  accepted: boolean;
  /** One sentence for the user: what the check found and what was done. */
  reason: string;
}

/** The fewest logged samples a check can hold some out of. */
export const MIN_CHECKABLE = 2;

/** A feedback layer over `base` fitted on the logged samples, and the held-out check it passed or failed. */
export async function refitWithFeedback(
  baseFile: RouterFile,
  base: Router,
  logged: TrainingData,
  options: FeedbackOptions,
  seed = 1,
): Promise<{ router: FeedbackLayer; check: RefitCheck }> {
  const n = logged.samples.length;
  if (n < MIN_CHECKABLE) throw new Error(`retraining needs at least ${MIN_CHECKABLE} logged samples to hold some out (have ${n})`);
  const { residuals, baseEstimates } = await residualsOf(base, logged);
  const folds = Math.min(5, n);
  const order = permutation(n, mulberry32(seed));
  const foldOf = new Int32Array(n);
  order.forEach((row, i) => (foldOf[row] = i % folds));
  let heldOut = 0,
    errorWithout = 0,
    errorWith = 0;
  for (let f = 0; f < folds; f++) {
    const rest = new Set([...foldOf.keys()].filter((row) => foldOf[row] !== f));
    for (let row = 0; row < n; row++) {
      if (foldOf[row] !== f) continue;
      const sample = logged.samples[row]!;
      const fixed = corrected(baseEstimates[row]!, correction(residuals, logged.embeddings[row]!, options, rest));
      baseEstimates[row]!.forEach((e, j) => {
        const outcome = own(sample.outcomes, e.model);
        if (!outcome) return;
        heldOut++;
        errorWithout += Math.abs(outcome.score - e.quality);
        errorWith += Math.abs(outcome.score - fixed[j]!.quality);
      });
    }
  }
  const router = (createRouter('feedback', options) as FeedbackLayer).over(baseFile, base);
  router.useResiduals(residuals);
  return { router, check: verdict(folds, heldOut, errorWithout / Math.max(1, heldOut), errorWith / Math.max(1, heldOut), base.name) };
}

function verdict(folds: number, heldOut: number, errorWithout: number, errorWith: number, baseName: string): RefitCheck {
  const figures =
    `mean error on ${heldOut} held-out logged answers (${folds}-fold): ${errorWith.toFixed(3)} ` +
    `with your feedback, ${errorWithout.toFixed(3)} for ${baseName} alone`;
  const accepted = errorWith <= errorWithout + 1e-9;
  const reason = accepted
    ? `Retrained: ${figures}.`
    : 'Not used: the retrained router predicted held-out answers worse ' +
      `than ${baseName} alone (${figures}); the router in chat is unchanged.`;
  return { folds, heldOut, errorWithout, errorWith, accepted, reason };
}
