// Under an answer: what it actually cost (every attempt, every call of a mode) and what the premium model alone
// would have cost for it, priced with the tokens used: the per-message figures Insights adds up.
import { savingsOf } from '../../core/learn/premium.ts';
import { useLearning } from '../stores/learning.ts';
import { usd } from '../format.ts';

export function SpendLine({ outcomeId }: { outcomeId: string }) {
  const record = useLearning((s) => s.outcomes.find((o) => o.id === outcomeId));
  if (!record) return null;
  const { spent, premium, saved } = savingsOf(record);
  const alternative = record.premium;
  return (
    <p className="spend-line muted" aria-label="Spend">
      Spent {usd(spent)}
      {alternative && (
        <>
          {' · '}
          <span
            title={
              alternative.estimated ? 'tokens estimated from the message and the final answer' : 'priced with the tokens this answer used'
            }
          >
            {alternative.model} alone {alternative.estimated ? '≈ ' : ''}
            {usd(premium)}
          </span>
          {' · '}
          {saved >= 0 ? `saved ${usd(saved)}` : `${usd(-saved)} more than ${alternative.model} alone`}
        </>
      )}
    </p>
  );
}
