// The call settings: what to do when an answer breaks off mid-stream, and the daily and monthly budgets.
import { useEffect } from 'react';
import { useCalls } from '../../stores/calls.ts';

/** A budget field: empty means no limit. */
function budgetValue(text: string): number | undefined {
  return text.trim() === '' ? undefined : Math.max(0, Number(text));
}

export function CallSettingsForm() {
  const { settings, loaded, load, update } = useCalls();
  useEffect(() => void load(), [load]);
  if (!loaded) return null;
  return (
    <fieldset className="call-settings">
      <legend>Calls</legend>
      <label>
        When an answer breaks off
        <select value={settings.midStream} onChange={(e) => void update({ midStream: e.target.value as 'resume' | 'stop' })}>
          <option value="resume">continue with the next model</option>
          <option value="stop">stop and keep the partial answer</option>
        </select>
      </label>
      <label>
        Daily budget (USD)
        <input
          type="number"
          min={0}
          step="0.01"
          value={settings.dailyUsd ?? ''}
          onChange={(e) => void update({ dailyUsd: budgetValue(e.target.value) })}
        />
      </label>
      <label>
        Monthly budget (USD)
        <input
          type="number"
          min={0}
          step="0.01"
          value={settings.monthlyUsd ?? ''}
          onChange={(e) => void update({ monthlyUsd: budgetValue(e.target.value) })}
        />
      </label>
    </fieldset>
  );
}
