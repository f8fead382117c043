// What was spent today and this month (from the provider layer's outcome ledger) against the user's
// budgets, refreshed after every provider call (every attempt of every mode) and every logged answer.
import { useEffect, useState } from 'react';
import { useCalls } from '../stores/calls.ts';
import { useLearning } from '../stores/learning.ts';
import { idbOutcomes } from '../../platform/browser/outcome-store.ts';
import { usd } from '../format.ts';

/** USD spent since the start of today and of this month (local time). */
async function spending(now = new Date()): Promise<{ today: number; month: number }> {
  const end = now.getTime() + 1;
  const day = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const month = new Date(now.getFullYear(), now.getMonth(), 1).getTime();
  const [today, thisMonth] = await Promise.all([idbOutcomes.spent(day, end), idbOutcomes.spent(month, end)]);
  return { today, month: thisMonth };
}

export function BudgetIndicator() {
  const { dailyUsd, monthlyUsd } = useCalls((s) => s.settings);
  const answers = useLearning((s) => s.outcomes.length);
  const attempts = useCalls((s) => s.attempts);
  const [spent, setSpent] = useState({ today: 0, month: 0 });
  useEffect(() => void spending().then(setSpent), [answers, attempts]);
  const over = (dailyUsd !== undefined && spent.today >= dailyUsd) || (monthlyUsd !== undefined && spent.month >= monthlyUsd);
  return (
    <span
      className={`budget${over ? ' over' : ''}`}
      role="status"
      aria-label="Budget"
      title={`This month: ${usd(spent.month)}${monthlyUsd !== undefined ? ` of ${usd(monthlyUsd)}` : ''}`}
    >
      Today {usd(spent.today)}
      {dailyUsd !== undefined ? ` / ${usd(dailyUsd)}` : ''}
    </span>
  );
}
