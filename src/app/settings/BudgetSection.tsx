// Daily and monthly spending limits: a call whose estimated cost would pass one is refused before it goes out.
import { usePreferences } from '../stores/preferences.ts';

export function BudgetSection() {
  const { budget, setBudget } = usePreferences();
  const limit = (name: 'dailyUsd' | 'monthlyUsd', label: string) => (
    <label>
      {label}{' '}
      <input
        type="number"
        min={0}
        step="any"
        aria-label={label}
        placeholder="no limit"
        style={{ width: '7rem' }}
        defaultValue={budget[name] ?? ''}
        onBlur={(e) => {
          const { [name]: _old, ...rest } = budget;
          void setBudget(e.target.value === '' ? rest : { ...rest, [name]: Number(e.target.value) });
        }}
      />
    </label>
  );
  return (
    <section className="card" aria-labelledby="budget-title">
      <h2 id="budget-title">Budget</h2>
      <div className="row">
        {limit('dailyUsd', 'Daily limit (USD)')}
        {limit('monthlyUsd', 'Monthly limit (USD)')}
      </div>
    </section>
  );
}
