import type { ReactNode } from 'react';
import type { Claims } from '../../engine/exposure/types';
import { displayValue } from '../format';

export interface LoadableToken {
  claims: Claims;
  /** ISO 8601 instant the token was checked at. */
  at: string;
}

/**
 * Claims whose value differs between a found token and the token in the pane. Compared here rather
 * than taken from the analysis, whose list is relative to the token it varied (which is not the
 * pane's when that one is refused); the analysis's list is used only when the pane has no token.
 */
export function changedClaims(claims: Claims, current: Claims | null, named?: string[]): string[] {
  if (!current) return named ?? [];
  const names = new Set([...Object.keys(claims), ...Object.keys(current)]);
  return [...names].filter((name) => JSON.stringify(claims[name]) !== JSON.stringify(current[name])).sort();
}

interface Props {
  token: LoadableToken;
  current: Claims | null;
  changed?: string[];
  testId: string;
  axis: string;
  label: string;
  /** False when a heading above already says the label. */
  showLabel?: boolean;
  /** One line under the label, e.g. the evaluator's message or the before → after decisions. */
  outcome: ReactNode;
  onLoad: (token: LoadableToken) => void;
}

/** One concrete token: what differs from the token in the pane, and a button to load it. */
export function WitnessCard({ token, current, changed, testId, axis, label, showLabel = true, outcome, onLoad }: Props) {
  const differing = changedClaims(token.claims, current, changed);
  return (
    <li className="witness" data-testid={testId} data-axis={axis}>
      {showLabel && <div className="witness-label">{label}</div>}
      {differing.length > 0 && (
        <dl className="witness-changes" aria-label="Claims that differ from the token in the token pane">
          {differing.map((name) => (
            <div key={name} className="witness-change">
              <dt>
                <code>{name}</code>
              </dt>
              <dd>
                {current && name in current && (
                  <>
                    <del className="claim-was">{displayValue(current[name])}</del>
                    <span aria-hidden="true"> → </span>
                  </>
                )}
                {name in token.claims ? <ins className="claim-now">{displayValue(token.claims[name])}</ins> : <span className="muted">(absent)</span>}
              </dd>
            </div>
          ))}
        </dl>
      )}
      <p className="witness-outcome small">{outcome}</p>
      <div className="witness-foot">
        <details className="witness-claims">
          <summary className="small">All claims</summary>
          <pre>{JSON.stringify(token.claims, null, 2)}</pre>
        </details>
        <button type="button" className="witness-load" data-testid="exposure-load" onClick={() => onLoad(token)} aria-label={`Load this token: ${label}`}>
          Load this token
        </button>
      </div>
    </li>
  );
}
