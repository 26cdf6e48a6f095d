import { memo, useId } from 'react';
import type { Claims, DiffWitness } from '../../engine/exposure/types';
import type { Decision, EvaluationResult } from '../../engine/result';
import { WitnessCard, type LoadableToken } from '../exposure/WitnessCard';
import type { Comparison } from '../state/useExposure';
import '../exposure/exposure.css';

const NO_DIFFERENCES: readonly string[] = [];

const DECISION_TEXT: Record<Decision, string> = { allow: 'Allowed', deny: 'Denied', error: 'Error' };

function Side({ name, result, testId }: { name: string; result: EvaluationResult | null; testId: string }) {
  if (!result) {
    return (
      <div className="compare-side" data-testid={testId}>
        <div className="compare-side-name">{name}</div>
        <div className="compare-side-decision">…</div>
      </div>
    );
  }
  return (
    <div className={`compare-side verdict-${result.decision}`} data-testid={testId} data-decision={result.decision}>
      <div className="compare-side-name">{name}</div>
      <div className={`compare-side-decision decision-${result.decision}`}>{DECISION_TEXT[result.decision]}</div>
      <p className="compare-side-message">{result.message}</p>
    </div>
  );
}

function DiffList({ title, testId, witnesses, current, onLoad, empty }: { title: string; testId: string; witnesses: DiffWitness[]; current: Claims | null; onLoad: (token: LoadableToken) => void; empty: string }) {
  return (
    <div className={`diff-group ${testId}-list`} data-testid={`${testId}-list`}>
      <h4>
        {title} <span className="badge">{witnesses.length}</span>
      </h4>
      {witnesses.length === 0 ? (
        <p className="muted small">{empty}</p>
      ) : (
        <ul className="witnesses">
          {witnesses.map((witness, index) => (
            <WitnessCard
              key={`${witness.axis}#${index}`}
              token={witness}
              current={current}
              differences={witness.differences ?? NO_DIFFERENCES}
              testId={testId}
              axis={witness.axis}
              label={witness.label}
              outcome={
                <>
                  before:{' '}
                  <span className={`decision-${witness.before}`} title={witness.beforeMessage}>
                    {DECISION_TEXT[witness.before].toLowerCase()}
                  </span>{' '}
                  → now:{' '}
                  <span className={`decision-${witness.after}`} title={witness.afterMessage}>
                    {DECISION_TEXT[witness.after].toLowerCase()}
                  </span>{' '}
                  · at {witness.at}
                </>
              }
              onLoad={onLoad}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

interface Props {
  comparison: Comparison;
  /** The current token's result under the current configuration. */
  afterResult: EvaluationResult | null;
  current: Claims | null;
  /** Both versions' text, to show first the claims they name. */
  onLoad: (token: LoadableToken) => void;
}

/** Compare mode in the verdict pane: this token under both versions, and who the change lets in or shuts out. */
function CompareVerdictView({ comparison, afterResult, current, onLoad }: Props) {
  const headingId = useId();
  const { report, error, notice, updating, beforeResult } = comparison;
  return (
    <section className="compare-verdict" aria-labelledby={headingId} aria-busy={updating} data-testid="compare-verdict">
      <h3 id={headingId}>Before → now</h3>
      <div className="compare-sides">
        <Side name="This token, before" result={beforeResult} testId="compare-before-verdict" />
        <Side name="This token, now" result={afterResult} testId="compare-after-verdict" />
      </div>
      {error && (
        <p className="callout callout-error" role="alert">
          The comparison could not run: {error}
        </p>
      )}
      {!report && !error && <p className="muted small">Comparing who each version lets in…</p>}
      {notice && (
        <p className="callout callout-info" data-testid="diff-notice">
          Nothing to compare: {notice}
        </p>
      )}
      {report && !notice && (
        <>
          <DiffList
            title="Let in by the change"
            testId="diff-broadened"
            witnesses={report.broadened}
            current={current}
            onLoad={onLoad}
            empty="No token found that the earlier version refused and this one lets in."
          />
          <DiffList
            title="Shut out by the change"
            testId="diff-narrowed"
            witnesses={report.narrowed}
            current={current}
            onLoad={onLoad}
            empty="No token found that the earlier version let in and this one refuses."
          />
          {report.unchanged > 0 && (
            <p className="muted small">
              {report.unchanged} other token{report.unchanged === 1 ? '' : 's'} checked: same decision under both versions.
            </p>
          )}
        </>
      )}
    </section>
  );
}

/** Memoised: it re-renders when its own inputs change, not on every keystroke elsewhere on the page. */
export const CompareVerdict = memo(CompareVerdictView);
