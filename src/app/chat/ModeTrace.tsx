// A multi-call mode's run in the thread, step by step as it happens: the cascade's cheap answer, its
// verification score and threshold (with "was it right?" labels that calibrate the threshold); the judge's
// pick; the plan, each sub-answer with its model, cost and time, and the aggregation; the agent's rounds;
// then the total, and for the agent the premium model's estimated cost alone.
import { useState } from 'react';
import type { ModeStep } from '../../core/modes/mode.ts';
import { useProfiles } from '../stores/profiles.ts';
import type { ModeRun } from '../stores/conversations.ts';
import { usd } from '../format.ts';
import { Markdown } from './Markdown.tsx';

const TITLES: Record<ModeRun['mode'], string> = {
  cascade: 'Cascade',
  'llm-router': 'LLM router',
  decompose: 'Decomposition',
  agent: 'Agent',
};

export function ModeTrace({ run }: { run: ModeRun }) {
  const total = run.result?.cost ?? run.steps.reduce((s, x) => s + x.cost, 0);
  return (
    <section className="mode-trace" aria-label={`Mode: ${run.mode}`}>
      <h4>{TITLES[run.mode]}</h4>
      <ol className="steps">
        {run.steps.map((step, i) => (
          <li key={i} className={`step step-${step.type}`}>
            <Step step={step} />
          </li>
        ))}
      </ol>
      {run.result?.note && (
        <p className="note" role="note">
          {run.result.note}
        </p>
      )}
      <p className="total" aria-label="Total">
        Total {usd(total)} over {run.steps.length} steps
        {run.result?.premiumEstimate &&
          ` · the premium model ${run.result.premiumEstimate.model} alone: about ${usd(run.result.premiumEstimate.cost)}`}
      </p>
    </section>
  );
}

function Paid({ step }: { step: ModeStep }) {
  return (
    <span className="paid">
      <strong>{step.model}</strong> · {usd(step.cost)} · {Math.round(step.ms)} ms
    </span>
  );
}

function Step({ step }: { step: ModeStep }) {
  switch (step.type) {
    case 'verify':
      return <Verified step={step} />;
    case 'judge':
      return (
        <>
          Judge chose <strong>{step.chosen ?? 'no enabled model'}</strong> <Paid step={step} />
        </>
      );
    case 'plan':
      return step.error ? (
        <span className="error">
          Plan attempt {step.attempt} was not valid: {step.error} <Paid step={step} />
        </span>
      ) : (
        <>
          Plan (attempt {step.attempt}) <Paid step={step} />
          <ol aria-label="Plan">
            {step.subqueries!.map((q, i) => (
              <li key={i}>
                {q.query}
                {q.model && <span className="muted"> → {q.model}</span>}
              </li>
            ))}
          </ol>
        </>
      );
    case 'sub-answer':
      return (
        <details aria-label={`Sub-answer ${step.index + 1}`}>
          <summary>
            Sub-answer {step.index + 1} ({step.assignedBy === 'planner' ? 'assigned by the planner' : 'routed'}): {step.query}{' '}
            <Paid step={step} />
          </summary>
          <Markdown text={step.text} />
        </details>
      );
    case 'aggregate':
      return (
        <>
          Aggregated by <Paid step={step} />
        </>
      );
    case 'round':
      return (
        <div aria-label={`Round ${step.index}`}>
          Round {step.index} <Paid step={step} />
          {step.think && <p className="muted">Thinks: {step.think}</p>}
          {step.call && (
            <p>
              Calls <strong>{step.call.model}</strong>: {step.call.query}
              {step.toolCost > 0 && <span className="muted"> ({usd(step.toolCost)})</span>}
            </p>
          )}
          {step.error && <p className="error">{step.error}</p>}
          {step.observation !== undefined && <p className="observation">→ {step.observation}</p>}
          {!step.call && !step.error && <p>Answers.</p>}
        </div>
      );
    case 'answer':
      return (
        <>
          Answered by <Paid step={step} />
        </>
      );
  }
}

function Verified({ step }: { step: Extract<ModeStep, { type: 'verify' }> }) {
  const addCalibration = useProfiles((s) => s.addCalibration);
  const [labelled, setLabelled] = useState(false);
  const label = (cheapCorrect: number) => void addCalibration({ score: step.score, cheapCorrect }).then(() => setLabelled(true));
  const calibration = step.calibratedOn ? `calibrated on ${step.calibratedOn} labelled answers` : 'prior: no labelled answers yet';
  return (
    <details open={step.kept} aria-label="Cheap answer">
      <summary>
        Cheap answer <Paid step={step} />: self-verification {step.score.toFixed(2)} vs threshold {step.threshold.toFixed(2)} ({calibration}
        ) — <strong>{step.kept ? 'kept' : 'escalated'}</strong>
      </summary>
      {!step.kept && <Markdown text={step.answer} />}
      {labelled ? (
        <span className="muted">Thanks: this profile's threshold is calibrated on it from now on.</span>
      ) : (
        <span className="calibrate">
          Was the cheap answer right? <button onClick={() => label(1)}>Right</button>
          <button onClick={() => label(0)}>Wrong</button>
        </span>
      )}
    </details>
  );
}
