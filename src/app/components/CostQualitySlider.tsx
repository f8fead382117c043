// The cost/quality knob (lambda of the decision rule), saved as the user moves it.
import { usePreferences } from '../stores/preferences.ts';

export function CostQualitySlider() {
  const lambda = usePreferences((s) => s.lambda);
  const setLambda = usePreferences((s) => s.setLambda);
  return (
    <label className="slider">
      <span>Quality</span>
      <input
        type="range"
        min={0}
        max={2}
        step={0.05}
        value={lambda}
        aria-label="Cost/quality trade-off"
        onChange={(e) => void setLambda(Number(e.target.value))}
      />
      <span>Cost</span>
      <output aria-label="lambda">{lambda.toFixed(2)}</output>
    </label>
  );
}
