// The cost/quality knob (lambda of the decision rule) on a log scale, shown as what a point of quality is worth
// in dollars per thousand messages, saved as the user moves it.
import { usePreferences } from '../stores/preferences.ts';
import { SLIDER_MAX, lambdaAt, lambdaMeaning, positionOf } from './slider-scale.ts';

export function CostQualitySlider() {
  const lambda = usePreferences((s) => s.lambda);
  const setLambda = usePreferences((s) => s.setLambda);
  return (
    <label className="slider">
      <span>Quality</span>
      <input
        type="range"
        min={0}
        max={SLIDER_MAX}
        step={1}
        value={positionOf(lambda)}
        aria-label="Cost/quality trade-off"
        aria-valuetext={lambdaMeaning(lambda)}
        onChange={(e) => void setLambda(lambdaAt(Number(e.target.value)))}
      />
      <span>Cost</span>
      <output aria-label="Slider meaning">{lambdaMeaning(lambda)}</output>
      <output aria-label="lambda" className="muted">
        λ {lambda.toFixed(2)}
      </output>
    </label>
  );
}
