// The compact routing badge under an answer (model, router, predicted quality and cost of the pick and of
// the premium alternative, routing time) and, on click, the explanation of the decision. A threshold a
// router holds a score against (hybrid-llm, automix) is shown as a threshold, never as a predicted quality.
// Beside the figures, the verdict in words (core/routers/verdict.ts): easy for every model, or hard and for whom.
import { lambdaMeaning } from '../components/slider-scale.ts';
import { useState } from 'react';
import type { ModelEstimate } from '../../core/routers/router.ts';
import { verdict } from '../../core/routers/verdict.ts';
import type { RoutingInfo } from '../stores/conversations.ts';
import { pct, usd } from '../format.ts';
import { TableHead } from '../components/TableHead.tsx';

export function RoutingBadge({ routing }: { routing: RoutingInfo }) {
  const [open, setOpen] = useState(false);
  const { pick, premium } = routing;
  const words = verdict(routing.estimates);
  return (
    <div className="routing">
      <button
        className="badge"
        aria-expanded={open}
        aria-label={`Routing: ${routing.model} chosen by ${routing.router}`}
        onClick={() => setOpen(!open)}
      >
        <strong>{routing.model}</strong>
        <span>{routing.forcedBy ? 'chosen by you' : routing.router}</span>
        <span title="predicted quality and cost of the pick">
          {qualityLabel(pick)} · {usd(pick.cost)}
        </span>
        {premium.model !== pick.model && (
          <span className="muted" title="predicted quality and cost of the premium alternative">
            vs {premium.model} {qualityLabel(premium)} · {usd(premium.cost)}
          </span>
        )}
        {words && <span className="verdict">{words}</span>}
        <span className="muted" title="time the on-device routing took">
          {routing.ms.toFixed(0)} ms
        </span>
      </button>
      {open && <Explanation routing={routing} />}
    </div>
  );
}

/** "q 80%" for a predicted quality, "threshold 50%" for a threshold. */
function qualityLabel(e: ModelEstimate): string {
  return `${e.threshold ? 'threshold' : 'q'} ${pct(e.quality)}`;
}

function Explanation({ routing }: { routing: RoutingInfo }) {
  const { explanation } = routing;
  const estimates = [...routing.estimates].sort((a, b) => b.quality - a.quality);
  const lambda = routing.lambda.toFixed(2);
  return (
    <section className="explanation" aria-label="Routing explanation">
      <p>{explanation.summary}</p>
      {routing.contextTurns > 0 && (
        <p>
          Read as a follow-up: the router also saw the{' '}
          {routing.contextTurns === 1 ? 'previous message' : `${routing.contextTurns} previous messages`} of this conversation.
        </p>
      )}
      {routing.profile?.personalised && (
        <p>Personalised: profile “{routing.profile.name}” shifted these estimates by what it learned from your feedback.</p>
      )}
      <p className="muted">
        Rule: the highest predicted quality − λ·cost/$0.10 (λ = {lambda}: {lambdaMeaning(routing.lambda)}), ties to the cheaper model.
      </p>
      <table>
        <TableHead columns={['model', 'predicted quality', 'predicted cost']} />
        <tbody>
          {estimates.map((e) => (
            <tr key={e.model} className={e.model === routing.model ? 'chosen' : undefined}>
              <td>{e.model}</td>
              <td>{e.threshold ? `— (threshold ${pct(e.quality)})` : pct(e.quality)}</td>
              <td>{usd(e.cost)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {explanation.neighbours && explanation.neighbours.length > 0 && (
        <>
          <h4>Nearest known queries</h4>
          <ol>
            {explanation.neighbours.map((n) => (
              <li key={n.id}>
                <span className="muted">{n.similarity.toFixed(2)}</span> {n.query}
              </li>
            ))}
          </ol>
        </>
      )}
      {explanation.features && Object.keys(explanation.features).length > 0 && (
        <>
          <h4>Features used</h4>
          <dl>
            {Object.entries(explanation.features).map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{typeof v === 'number' ? Number(v.toFixed(3)) : String(v)}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </section>
  );
}
