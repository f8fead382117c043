// What was spent today and this month against the user's budget, refreshed after every call.
import { useEffect, useState } from 'react';
import { usePreferences } from '../stores/preferences.ts';
import { useLearning } from '../stores/learning.ts';
import { spending } from '../stores/caller.ts';
import { usd } from '../format.ts';

export function BudgetIndicator() {
  const budget = usePreferences((s) => s.budget);
  const calls = useLearning((s) => s.outcomes.length);
  const [spent, setSpent] = useState({ today: 0, month: 0 });
  useEffect(() => void spending().then(setSpent), [calls]);
  const over = (budget.dailyUsd !== undefined && spent.today >= budget.dailyUsd) || (budget.monthlyUsd !== undefined && spent.month >= budget.monthlyUsd);
  return (
    <span className={`budget${over ? ' over' : ''}`} role="status" aria-label="Budget" title={`This month: ${usd(spent.month)}${budget.monthlyUsd !== undefined ? ` of ${usd(budget.monthlyUsd)}` : ''}`}>
      Today {usd(spent.today)}
      {budget.dailyUsd !== undefined ? ` / ${usd(budget.dailyUsd)}` : ''}
    </span>
  );
}
