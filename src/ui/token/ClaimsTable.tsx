import { useState, type KeyboardEvent } from 'react';
import type { Claims } from '../../engine/token';
import { typeOfValue } from '../format';
import type { ClaimCatalogue } from './catalogue';
import { InlineText } from './InlineText';
import { LongValue } from './LongValue';

const TIME_CLAIMS = new Set(['exp', 'nbf', 'iat', 'auth_time']);

/** Every claim with what the catalogue says about it, and flags where the value's type surprises. */
export function ClaimsTable({ claims, catalogue, at }: { claims: Claims; catalogue: ClaimCatalogue; at: number }) {
  const notes = catalogue.notes(claims);
  const names = Object.keys(claims);
  const [activeDoc, setActiveDoc] = useState<string | null>(null);
  if (names.length === 0) return <p className="muted">No claims.</p>;
  const shown = names.slice(0, 500);
  const general = notes.filter((note) => !Object.prototype.hasOwnProperty.call(claims, note.claim));
  // One Tab stop for all the rows' docs links (a roving tab index, WAI-ARIA APG "Keyboard
  // Navigation Inside Components"): Tab passes the table in one step on the way to the editor,
  // and the arrow keys move between the links.
  const documented = shown.filter((name) => catalogue.info(claims, name)?.source);
  const tabStop = activeDoc !== null && documented.includes(activeDoc) ? activeDoc : (documented[0] ?? null);
  const onDocKey = (event: KeyboardEvent<HTMLAnchorElement>) => {
    const step = event.key === 'ArrowDown' || event.key === 'ArrowRight' ? 1 : event.key === 'ArrowUp' || event.key === 'ArrowLeft' ? -1 : 0;
    const edge = event.key === 'Home' ? 0 : event.key === 'End' ? documented.length - 1 : null;
    if (step === 0 && edge === null) return;
    event.preventDefault();
    const current = documented.indexOf(event.currentTarget.dataset.claimDoc ?? '');
    const next = edge ?? Math.min(documented.length - 1, Math.max(0, current + step));
    const target = event.currentTarget.closest('table')?.querySelector<HTMLAnchorElement>(`a[data-claim-doc="${CSS.escape(documented[next])}"]`);
    setActiveDoc(documented[next]);
    target?.focus();
  };
  return (
    <div>
      {general.map((note, index) => (
        <p key={index} className={`flag flag-${note.severity}`} role="note" data-testid="claim-note">
          <code>{note.claim}</code>: <InlineText text={note.message} />
        </p>
      ))}
      <table className="claims-table" data-testid="claims-table">
        <caption className="visually-hidden">Claims in the token, with what each one means. The arrow keys move between the claims' documentation links.</caption>
        <thead>
          <tr>
            <th scope="col">Claim</th>
            <th scope="col">Value, and what it is</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((name) => {
            const value = claims[name];
            const info = catalogue.info(claims, name);
            const claimNotes = notes.filter((note) => note.claim === name);
            return (
              <tr key={name} data-claim={name}>
                <th scope="row">
                  <code>{name}</code>
                  <div className="muted small">{typeOfValue(value)}</div>
                </th>
                <td>
                  <LongValue value={value} />
                  {TIME_CLAIMS.has(name) && typeof value === 'number' && (
                    <span className="muted small">
                      {' '}
                      = {new Date(value * 1000).toISOString().replace('.000Z', 'Z')}
                      {value > at ? ' (in the future)' : ''}
                    </span>
                  )}
                  {claimNotes.map((note, index) => (
                    <div key={index} className={`flag flag-${note.severity}`} role="note" data-testid="claim-note">
                      <InlineText text={note.message} />
                    </div>
                  ))}
                  <div className="claim-meaning small">
                    {info ? (
                      <>
                        <InlineText text={info.meaning} />{' '}
                        <span className="muted">
                          ({info.type}
                          {info.since ? `, since ${info.since}` : ''}
                          {info.source ? (
                            <>
                              ,{' '}
                              <a
                                href={info.source}
                                target="_blank"
                                rel="noopener noreferrer"
                                aria-label={`${name} documentation`}
                                data-claim-doc={name}
                                tabIndex={name === tabStop ? 0 : -1}
                                onKeyDown={onDocKey}
                                onFocus={() => setActiveDoc(name)}
                              >
                                docs
                              </a>
                            </>
                          ) : null}
                          )
                        </span>
                      </>
                    ) : (
                      <span className="muted">Not in the catalogue: a custom or provider-specific claim.</span>
                    )}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {names.length > shown.length && <p className="muted small">{names.length - shown.length} more claims not shown.</p>}
    </div>
  );
}
