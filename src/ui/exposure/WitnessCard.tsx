import type { ReactNode } from 'react';
import type { Claims } from '../../engine/exposure/types';
import { changedClaimNames, claimMentions, rankClaims } from '../../engine/exposure/differences';
import { displayValue } from '../format';

export interface LoadableToken {
  claims: Claims;
  /** ISO 8601 instant the token was checked at. */
  at: string;
}

/**
 * Claims whose value differs between a found token and the token in the pane; the analysis's own
 * list when the pane has no token. The engine gives each witness this list, ranked, as
 * `differences`: the cards show that.
 */
export function changedClaims(claims: Claims, current: Claims | null, named?: string[]): string[] {
  return current ? changedClaimNames(claims, current) : (named ?? []);
}

/** How many differing claims a card shows before folding the rest. */
const SHOWN_CHANGES = 3;

/** The engine's order for a witness's `differences`: the claims the configuration names first, then the shortest values. */
export function rankChanges(names: string[], claims: Claims, policyText: string): string[] {
  return rankClaims(names, claims, claimMentions([policyText]));
}

function Change({ name, claims, current }: { name: string; claims: Claims; current: Claims | null }) {
  const was = current && name in current ? displayValue(current[name]) : null;
  return (
    <div className="witness-change">
      <dt>
        <code>{name}</code>
      </dt>
      <dd title={was !== null ? `in the token pane: ${was}` : undefined}>
        {was !== null && <span className="visually-hidden">was {was}, here </span>}
        {name in claims ? <ins className="claim-now">{displayValue(claims[name])}</ins> : <span className="muted">(absent)</span>}
      </dd>
    </div>
  );
}

interface Props {
  token: LoadableToken;
  current: Claims | null;
  /** What differs from the token in the pane, in the order to show it (the engine's `differences`). */
  differences: readonly string[];
  testId: string;
  axis: string;
  /** Who can mint the token (exposure witnesses). */
  reach?: string;
  label: string;
  /** False when a heading above already says the label. */
  showLabel?: boolean;
  /** One line under the label, e.g. the evaluator's message or the before → after decisions. */
  outcome: ReactNode;
  onLoad: (token: LoadableToken) => void;
}

/** One concrete token: what differs from the token in the pane, and a button to load it. */
export function WitnessCard({ token, current, differences: differing, testId, axis, reach, label, showLabel = true, outcome, onLoad }: Props) {
  const shown = differing.slice(0, SHOWN_CHANGES);
  const folded = differing.slice(SHOWN_CHANGES);
  return (
    <li className="witness" data-testid={testId} data-axis={axis} data-reach={reach}>
      {showLabel && <div className="witness-label">{label}</div>}
      {differing.length > 0 && (
        <dl className="witness-changes" aria-label="Claims that differ from the token in the token pane">
          {shown.map((name) => (
            <Change key={name} name={name} claims={token.claims} current={current} />
          ))}
        </dl>
      )}
      {folded.length > 0 && (
        <details className="witness-more">
          <summary className="small">
            {folded.length} more difference{folded.length === 1 ? '' : 's'}: {folded.join(', ')}
          </summary>
          <dl className="witness-changes">
            {folded.map((name) => (
              <Change key={name} name={name} claims={token.claims} current={current} />
            ))}
          </dl>
        </details>
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
