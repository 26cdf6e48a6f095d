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

/** How many differing claims a card shows before folding the rest. */
const SHOWN_CHANGES = 3;

function mentionedIn(text: string, name: string): boolean {
  // Most claim names never occur in the configuration: a plain search rules them out cheaply.
  if (!text.includes(name)) return false;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^A-Za-z0-9_])${escaped}([^A-Za-z0-9_]|$)`).test(text);
}

// Every card ranks against the same configuration text, and re-renders on each keystroke in the
// token pane: searching a 50-statement policy afresh for every name of every card took a third of
// a keystroke's main-thread time. Answers are kept for the latest text only.
let mentionMemo: { text: string; answers: Map<string, boolean> } = { text: '', answers: new Map() };

function mentions(text: string, name: string): boolean {
  if (mentionMemo.text !== text) mentionMemo = { text, answers: new Map() };
  let answer = mentionMemo.answers.get(name);
  if (answer === undefined) {
    answer = mentionedIn(text, name);
    mentionMemo.answers.set(name, answer);
  }
  return answer;
}

/**
 * The claims a reviewer should see first: those the configuration names (they are why the token
 * gets in), then the shortest values (names and ids before derived URIs).
 */
export function rankChanges(names: string[], claims: Claims, policyText: string): string[] {
  const keyed = names.map((name) => ({ name, named: mentions(policyText, name) ? 0 : 1, length: displayValue(claims[name]).length }));
  keyed.sort((a, b) => a.named - b.named || a.length - b.length || a.name.localeCompare(b.name));
  return keyed.map((entry) => entry.name);
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
  changed?: string[];
  testId: string;
  axis: string;
  /** Who can mint the token (exposure witnesses). */
  reach?: string;
  label: string;
  /** False when a heading above already says the label. */
  showLabel?: boolean;
  /** The configuration's text, to put the claims it names first. */
  policyText?: string;
  /** One line under the label, e.g. the evaluator's message or the before → after decisions. */
  outcome: ReactNode;
  onLoad: (token: LoadableToken) => void;
}

/** One concrete token: what differs from the token in the pane, and a button to load it. */
export function WitnessCard({ token, current, changed, testId, axis, reach, label, showLabel = true, policyText = '', outcome, onLoad }: Props) {
  const differing = rankChanges(changedClaims(token.claims, current, changed), token.claims, policyText);
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
