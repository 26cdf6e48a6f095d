import { memo } from 'react';
import type { Check, Decision, EvaluationResult, Finding, SourceRange } from '../../engine/result';
import { isoOf } from '../../engine/time';
import { useEngine } from '../state/useEngine';
import { displayValue } from '../format';
import { InlineText } from '../token/InlineText';
import { needsValues, NeedsValuesVerdict } from './NeedsValues';
import type { RevealTarget } from './reveal';

const DECISION_TEXT: Record<Decision, string> = { allow: 'Allowed', deny: 'Denied', error: 'Error' };
const RESULT_ICON: Record<Check['result'], string> = { pass: '✓', fail: '✗', skip: '–', error: '!' };
const SEVERITY_ORDER: Finding['severity'][] = ['critical', 'high', 'medium', 'low', 'info'];

export type { RevealTarget } from './reveal';

interface Props {
  result: EvaluationResult | null;
  at: number;
  atIsNow: boolean;
  stale: boolean;
  onReveal: (target: RevealTarget) => void;
  /** Offered while a fixed instant is in use. */
  onJudgeNow?: () => void;
  compact?: boolean;
}

/** What the configuration is called in each cloud, for "policy wants …, token has …". */
const CONFIGURATION_NOUN: Record<string, string> = { aws: 'policy', vault: 'role', gcp: 'provider', azure: 'credential' };

const INFERRED_TOOLTIP =
  'The service does not document the text of this refusal. The decision follows its documented behaviour; the wording is trustlens\'s.';

/** Who speaks in the message: the service, or trustlens when it could not read an input. */
function messageLabel(result: EvaluationResult): string {
  if (result.details.messageBy === 'trustlens') return 'trustlens could not read the input';
  return result.decision === 'allow' ? 'Result' : "The service's message";
}

/** The deciding check, shown with the verdict: its label, both values, its line and a fix. */
function DecisiveSummary({ check, result, onReveal }: { check: Check; result: EvaluationResult; onReveal: Props['onReveal'] }) {
  const noun = CONFIGURATION_NOUN[result.provider ?? ''] ?? 'configuration';
  const fix = typeof result.details.fix === 'string' ? result.details.fix : null;
  const source = check.source;
  return (
    <div className={`verdict-decisive decisive-${check.result}`} data-testid="verdict-decisive" data-check-id={check.id} data-result={check.result}>
      <p className="decisive-line">
        <span className="decisive-caption">{check.result === 'pass' ? 'Decided by' : 'Failed check'}</span>{' '}
        <span className="decisive-label">{check.label}</span>
        {/* The values explain a failure; a granting check's own row in the trace has them. */}
        {check.result !== 'pass' && (check.expected !== undefined || check.actual !== undefined) && (
          <>
            {' — '}
            {noun} wants <ValueCell value={check.expected} />, token has <ValueCell value={check.actual} />
          </>
        )}
        {source && (
          <>
            {' '}
            <button type="button" className="link-button" onClick={() => onReveal({ input: 'policy', range: source })}>
              line {source.line}
            </button>
          </>
        )}
      </p>
      {fix && (
        <p className="decisive-fix" data-testid="verdict-fix">
          <span className="decisive-caption">Fix</span> <InlineText text={fix} />
        </p>
      )}
    </div>
  );
}

function where(range: SourceRange): string {
  return `line ${range.line}, column ${range.column}`;
}

function ValueCell({ value }: { value: unknown }) {
  if (value === undefined) return <span className="muted">—</span>;
  return <code className="value">{displayValue(value)}</code>;
}

// Verdicts keep unchanged checks as the same objects (state/reuse.ts), so a keystroke re-renders
// only the rows whose check changed.
const CheckItem = memo(function CheckItem({ check, onReveal }: { check: Check; onReveal: Props['onReveal'] }) {
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
});

/**
 * Embedded in a documentation page: the other failing checks first, the rest folded. The deciding
 * check is already summarised under the verdict, so each check appears once.
 */
function CompactChecks({ checks, onReveal }: { checks: Check[]; onReveal: Props['onReveal'] }) {
  const indexed = checks.map((check, index) => ({ check, index })).filter(({ check }) => !check.decisive);
  const important = indexed.filter(({ check }) => check.result === 'fail' || check.result === 'error');
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

function VerdictPaneView({ result, at, atIsNow, stale, onReveal, onJudgeNow, compact }: Props) {
  const engine = useEngine();
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
  const decisive = result.checks.find((check) => check.decisive);
  const inferred = result.details.messageInferred === true;
  const context = (
    <>
      {providerLabel} · {atIsNow ? 'judged now' : 'judged at'} {isoOf(at)}
      {!atIsNow && onJudgeNow && (
        <>
          {' · '}
          <button type="button" className="link-button" onClick={onJudgeNow}>
            judge now
          </button>
        </>
      )}
    </>
  );
  return (
    <div className="verdict-pane" aria-busy={stale}>
      {needsValues(result) ? (
        <NeedsValuesVerdict engine={engine} result={result} context={context} onReveal={onReveal} />
      ) : (
        <div className={`verdict verdict-${result.decision}`} data-testid="verdict" data-decision={result.decision} role="status" aria-live="polite">
          <div className="verdict-top">
            <span className="decision">{DECISION_TEXT[result.decision]}</span>
            <span className="verdict-context" data-testid="verdict-instant">
              {context}
            </span>
          </div>
          <p className="verdict-message-label" data-testid="verdict-message-label">
            {messageLabel(result)}
            {inferred && (
              <>
                {' '}
                <span className="badge badge-quiet" title={INFERRED_TOOLTIP} tabIndex={0} aria-label={`wording inferred: ${INFERRED_TOOLTIP}`} data-testid="message-inferred">
                  wording inferred
                </span>
              </>
            )}
          </p>
          <p className="verdict-message" data-testid="verdict-message">
            {result.message}
          </p>
          {decisive && <DecisiveSummary check={decisive} result={result} onReveal={onReveal} />}
          {errorTarget && (
            <button type="button" className="link-button" onClick={() => onReveal(errorTarget)}>
              Show in the {errorTarget.input === 'token' ? 'token' : 'trust configuration'} ({where(errorTarget.range)})
            </button>
          )}
        </div>
      )}

      {result.checks.length > 0 && !compact && (
        <section aria-labelledby="checks-heading">
          <h3 id="checks-heading">All checks, in the service's order</h3>
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

/** Memoised: it re-renders when its own inputs change, not on every keystroke elsewhere on the page. */
export const VerdictPane = memo(VerdictPaneView);
