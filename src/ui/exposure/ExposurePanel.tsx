import { memo, useId } from 'react';
import type { Claims, ExposureGrade, Reach, Via, Witness } from '../../engine/exposure/types';
import { REACH_WORDS } from '../../engine/exposure/reach-words';
import type { RevealTarget } from '../verdict/VerdictPane';
import type { Exposure } from '../state/useExposure';
import { WitnessCard, type LoadableToken } from './WitnessCard';
import './exposure.css';

const NO_DIFFERENCES: readonly string[] = [];

const GRADE_TEXT: Record<ExposureGrade, string> = {
  pinned: 'Only the intended token is let in.',
  narrow: 'A few close variations of the token are let in.',
  broad: 'Whole families of tokens are let in beyond this one.',
  open: 'Almost any token of the issuer is let in.',
};

function mintedBy(reach: Reach): string {
  const who = REACH_WORDS[reach];
  return `${who[0].toUpperCase()}${who.slice(1)} can mint this token.`;
}

/** The way in that admits a witness; with its line, a button that shows it in the editor. */
function WayIn({ via, onReveal }: { via: Via; onReveal?: (target: RevealTarget) => void }) {
  if (via.line === undefined || !onReveal) return <>{via.label}{via.line !== undefined ? ` (line ${via.line})` : ''}</>;
  const line = via.line;
  return (
    <button type="button" className="link-button" data-testid="exposure-via" onClick={() => onReveal({ input: 'policy', range: { line, column: 1, endLine: line, endColumn: 1_000 } })}>
      {via.label} (line {line})
    </button>
  );
}

/** Witnesses of one axis together, in the order the analysis found the axes. */
export function groupByAxis(witnesses: readonly Witness[]): Array<{ axis: string; witnesses: Witness[] }> {
  const groups = new Map<string, Witness[]>();
  for (const witness of witnesses) {
    const group = groups.get(witness.axis);
    if (group) group.push(witness);
    else groups.set(witness.axis, [witness]);
  }
  return [...groups].map(([axis, members]) => ({ axis, witnesses: members }));
}

interface Props {
  exposure: Exposure;
  /** The claims in the token pane, to show what each witness changes. */
  current: Claims | null;
  /** The configuration, to show first the claims it names. */
  onLoad: (token: LoadableToken) => void;
  onReveal?: (target: RevealTarget) => void;
  /**
   * Values the verdict waits for (a Terraform or CloudFormation text that does not give them):
   * the analysis waits for the same ones, whatever an earlier report said.
   */
  waitingFor?: readonly string[];
}

/** "Who else gets in": the grade, what each claim admits, and concrete tokens proved to be let in. */
function ExposurePanelView({ exposure, current, onLoad, onReveal, waitingFor }: Props) {
  const headingId = useId();
  const { report, error, notice, updating } = exposure;
  if (waitingFor && waitingFor.length > 0) {
    return (
      <section className="exposure-panel" data-testid="exposure-panel" data-state="needs-values" aria-labelledby={headingId}>
        <h3 id={headingId}>Who else gets in</h3>
        <p className="muted exposure-waiting" data-testid="exposure-waiting">
          Waits for the same {waitingFor.length === 1 ? 'value' : 'values'} as the verdict ({waitingFor.join(', ')}): once {waitingFor.length === 1 ? 'it is' : 'they are'} filled
          in, the other tokens this configuration lets in are listed here.
        </p>
      </section>
    );
  }
  return (
    <section className="exposure-panel" data-testid="exposure-panel" aria-labelledby={headingId} aria-busy={updating}>
      <h3 id={headingId}>Who else gets in</h3>
      {error && (
        <p className="callout callout-error" role="alert">
          The analysis could not run: {error}
        </p>
      )}
      {!report && !error && <p className="muted small">Looking for other tokens this configuration lets in…</p>}
      {notice && (
        <p className="callout callout-info" data-testid="exposure-notice">
          Nothing to analyse: {notice}
        </p>
      )}
      {report && !notice && (
        <>
          <div className="exposure-head">
            <span className={`exposure-grade grade-${report.grade}`} data-testid="exposure-grade" data-grade={report.grade} data-reach={report.reach}>
              {report.grade}
            </span>
            <span className="exposure-grade-text">
              {GRADE_TEXT[report.grade]}{' '}
              {report.witnesses.length === 0
                ? 'No other token was found.'
                : `${report.witnesses.length} other token${report.witnesses.length === 1 ? '' : 's'}, each checked by the evaluator:`}
            </span>
          </div>
          {report.summary.length > 0 && (
            <ul className="exposure-summary">
              {report.summary.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
          {report.opaque.length > 0 && (
            <div className="callout callout-warning exposure-opaque" data-testid="exposure-opaque">
              <strong>Not analysed</strong> (marked in the configuration): the witnesses below may not be all.
              <ul>
                {report.opaque.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </div>
          )}
          {groupByAxis(report.witnesses).map((group) => (
            <div className="exposure-axis" key={group.axis}>
              <h4>
                {group.witnesses[0].label} <code className="axis-id">{group.axis}</code>
              </h4>
              <ul className="witnesses">
                {group.witnesses.map((witness, index) => (
                  <WitnessCard
                    key={`${witness.axis}#${index}`}
                    token={witness}
                    current={current}
                    differences={witness.differences ?? NO_DIFFERENCES}
                    testId="exposure-witness"
                    axis={witness.axis}
                    reach={witness.reach}
                    label={witness.label}
                    showLabel={witness.label !== group.witnesses[0].label}
                    outcome={
                      <>
                        <span className={`reach-badge reach-${witness.reach}`} title={mintedBy(witness.reach)}>
                          reach: {witness.reach}
                        </span>{' '}
                        · via <WayIn via={witness.via} onReveal={onReveal} /> · <span className="decision-allow">allowed</span> · <code>{witness.message}</code> · at {witness.at}
                      </>
                    }
                    onLoad={onLoad}
                  />
                ))}
              </ul>
            </div>
          ))}
        </>
      )}
    </section>
  );
}

/** Memoised: it re-renders when its own inputs change, not on every keystroke elsewhere on the page. */
export const ExposurePanel = memo(ExposurePanelView);
