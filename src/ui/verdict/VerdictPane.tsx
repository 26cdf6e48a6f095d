import type { Check, Decision, EvaluationResult, Finding, SourceRange } from '../../engine/result';
import { isoOf } from '../../engine/time';
import type { Engine } from '../state/useEngine';
import { displayValue } from '../format';
import { InlineText } from '../token/InlineText';

const DECISION_TEXT: Record<Decision, string> = { allow: 'Allowed', deny: 'Denied', error: 'Error' };
const RESULT_ICON: Record<Check['result'], string> = { pass: '✓', fail: '✗', skip: '–', error: '!' };
const SEVERITY_ORDER: Finding['severity'][] = ['critical', 'high', 'medium', 'low', 'info'];

export interface RevealTarget {
  input: 'policy' | 'token';
  range: SourceRange;
}

interface Props {
  engine: Engine | null;
  result: EvaluationResult | null;
  at: number;
  atIsNow: boolean;
  stale: boolean;
  onReveal: (target: RevealTarget) => void;
  compact?: boolean;
}

function where(range: SourceRange): string {
  return `line ${range.line}, column ${range.column}`;
}

function ValueCell({ value }: { value: unknown }) {
  if (value === undefined) return <span className="muted">—</span>;
  return <code className="value">{displayValue(value)}</code>;
}

function CheckItem({ check, onReveal }: { check: Check; onReveal: Props['onReveal'] }) {
  const source = check.source;
  return (
    <li
      className={`check check-${check.result}${check.decisive ? ' decisive' : ''}`}
      data-testid="check"
      data-result={check.result}
      data-check-id={check.id}
      data-decisive={check.decisive ? 'true' : undefined}
    >
      <div className="check-head">
        <span className={`result-icon result-${check.result}`} aria-hidden="true">
          {RESULT_ICON[check.result]}
        </span>
        <span className="check-label">{check.label}</span>
        <span className="visually-hidden">: {check.result}</span>
        {check.decisive && <span className={`badge badge-decisive decisive-${check.result}`}>decisive</span>}
        {source && (
          <button type="button" className="link-button" onClick={() => onReveal({ input: 'policy', range: source })}>
            line {source.line}
          </button>
        )}
      </div>
      {(check.expected !== undefined || check.actual !== undefined) && (
        <dl className="expected-actual">
          <dt>expected</dt>
          <dd>
            <ValueCell value={check.expected} />
          </dd>
          <dt>actual</dt>
          <dd>
            <ValueCell value={check.actual} />
          </dd>
        </dl>
      )}
      <p className="check-reason">
        <InlineText text={check.reason} />
      </p>
    </li>
  );
}

/** Embedded in a documentation page: the checks that decided first, the others folded (each check once). */
function CompactChecks({ checks, onReveal }: { checks: Check[]; onReveal: Props['onReveal'] }) {
  const indexed = checks.map((check, index) => ({ check, index }));
  const important = indexed.filter(({ check }) => check.decisive || check.result === 'fail' || check.result === 'error');
  const others = indexed.filter((entry) => !important.includes(entry));
  return (
    <>
      {important.length > 0 && (
        <ol className="checks compact-checks">
          {important.map(({ check, index }) => (
            <CheckItem key={`${check.id}#${index}`} check={check} onReveal={onReveal} />
          ))}
        </ol>
      )}
      {others.length > 0 && (
        <details className="all-checks">
          <summary>
            {important.length > 0 ? `The other ${others.length} checks` : `All ${others.length} checks`}, in the service's order
          </summary>
          <ol className="checks">
            {others.map(({ check, index }) => (
              <CheckItem key={`${check.id}#${index}`} check={check} onReveal={onReveal} />
            ))}
          </ol>
        </details>
      )}
    </>
  );
}

function inputErrorTarget(result: EvaluationResult): RevealTarget | null {
  const source = result.details.errorSource as SourceRange | undefined;
  const input = result.details.inputError;
  if (!source || (input !== 'token' && input !== 'policy')) return null;
  return { input, range: source };
}

export function VerdictPane({ engine, result, at, atIsNow, stale, onReveal, compact }: Props) {
  if (!engine || !result) {
    return (
      <div className="verdict verdict-pending" data-testid="verdict" role="status" aria-busy="true">
        <span className="decision">Evaluating…</span>
      </div>
    );
  }
  const errorTarget = inputErrorTarget(result);
  const findings = [...result.findings].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
  const providerLabel = result.provider ? engine.PROVIDERS[result.provider]?.label ?? result.provider : 'No provider';
  return (
    <div className="verdict-pane" aria-busy={stale}>
      <div className={`verdict verdict-${result.decision}`} data-testid="verdict" data-decision={result.decision} role="status" aria-live="polite">
        <div className="verdict-top">
          <span className="decision">{DECISION_TEXT[result.decision]}</span>
          <span className="verdict-context">
            {providerLabel} · {atIsNow ? 'now' : 'at'} {isoOf(at)}
          </span>
        </div>
        <p className="verdict-message-label">{result.decision === 'allow' ? 'Result' : "The service's message"}</p>
        <p className="verdict-message" data-testid="verdict-message">
          {result.message}
        </p>
        {errorTarget && (
          <button type="button" className="link-button" onClick={() => onReveal(errorTarget)}>
            Show in the {errorTarget.input === 'token' ? 'token' : 'trust configuration'} ({where(errorTarget.range)})
          </button>
        )}
      </div>

      {result.checks.length > 0 && !compact && (
        <section aria-labelledby="checks-heading">
          <h3 id="checks-heading">Checks, in the service's order</h3>
          <ol className="checks">
            {result.checks.map((check, index) => (
              <CheckItem key={`${check.id}#${index}`} check={check} onReveal={onReveal} />
            ))}
          </ol>
        </section>
      )}
      {result.checks.length > 0 && compact && <CompactChecks checks={result.checks} onReveal={onReveal} />}

      {findings.length > 0 && !compact && (
        <section aria-labelledby="findings-heading">
          <h3 id="findings-heading">Findings</h3>
          <ul className="findings">
            {findings.map((finding, index) => (
              <li key={`${finding.id}#${index}`} className={`finding severity-${finding.severity}`} data-testid="finding" data-severity={finding.severity}>
                <span className={`badge severity-badge severity-${finding.severity}`}>{finding.severity}</span>{' '}
                <span>{finding.message}</span>{' '}
                {finding.source && (
                  <button type="button" className="link-button" onClick={() => onReveal({ input: 'policy', range: finding.source! })}>
                    line {finding.source.line}
                  </button>
                )}
                {finding.reference && (
                  <>
                    {' '}
                    <a href={finding.reference} target="_blank" rel="noopener noreferrer">
                      source
                    </a>
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
