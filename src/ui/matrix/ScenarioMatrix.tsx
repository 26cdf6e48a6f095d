import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { memo, useDeferredValue, useId, useMemo, useState } from 'react';
import { EXAMPLES } from '../../engine/examples';
import type { Claims, Witness } from '../../engine/exposure/types';
import type { MatrixEntry, MatrixRow } from '../../engine/share/matrix';
import type { Decision, ProviderId } from '../../engine/result';
import { isoOf } from '../../engine/time';
import type { LoadableToken } from '../exposure/WitnessCard';
import { copyText, downloadText } from '../share/clipboard';
import { useEngine } from '../state/useEngine';
import { matrixQuery } from '../state/queries';
import '../exposure/exposure.css';

type Source = 'witnesses' | 'gallery' | 'pasted';

const NO_ROWS: MatrixRow[] = [];

const DECISION_TEXT: Record<Decision, string> = { allow: 'Allowed', deny: 'Denied', error: 'Error' };

interface Props {
  provider: ProviderId;
  policyText: string;
  options: Record<string, string>;
  witnesses: readonly Witness[];
  current: Claims | null;
  /** Unix seconds: the instant pasted claim sets are evaluated at. */
  at: number;
  onLoad: (token: LoadableToken) => void;
}

function secondsOf(iso: string, fallback: number): number {
  const millis = Date.parse(iso);
  return Number.isFinite(millis) ? Math.floor(millis / 1000) : fallback;
}

/** The gallery's tokens of the token pane's issuer (of the provider's examples when there is none). */
function galleryEntries(provider: ProviderId, issuer: string | null): MatrixEntry[] {
  const chosen = EXAMPLES.filter((example) => (issuer ? example.claims.iss === issuer : example.provider === provider));
  return chosen.map((example) => ({ name: example.title, claims: example.claims, at: example.at }));
}

/** One configuration against many tokens: a decision and its deciding check per row, exportable for `trustlens test`. */
function ScenarioMatrixView({ provider, policyText, options, witnesses, current, at, onLoad }: Props) {
  const engine = useEngine();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [source, setSource] = useState<Source>('witnesses');
  const [pasted, setPasted] = useState('');
  const [status, setStatus] = useState('');
  const deferredPasted = useDeferredValue(pasted);
  // The entries (and the query keyed on them) change only with what they are built from: the
  // gallery's rows depend on the token's issuer, not on each of its claims.
  const issuer = typeof current?.iss === 'string' ? current.iss : null;

  const entries = useMemo((): { entries: MatrixEntry[]; problem: string | null } => {
    if (!engine) return { entries: [], problem: null };
    switch (source) {
      case 'witnesses':
        return { entries: witnesses.map((witness) => ({ name: witness.label, claims: witness.claims, at: secondsOf(witness.at, at), witnessAxis: witness.axis })), problem: null };
      case 'gallery':
        return { entries: galleryEntries(provider, issuer), problem: null };
      case 'pasted': {
        const parsed = engine.parseClaimLines(deferredPasted, at);
        if (!parsed.ok) return { entries: [], problem: parsed.message };
        return { entries: parsed.entries, problem: parsed.truncated ? `Only the first ${engine.MAX_MATRIX_ROWS} claim sets are evaluated.` : null };
      }
    }
  }, [engine, source, witnesses, provider, issuer, deferredPasted, at]);

  const configuration = useMemo(() => ({ provider, policy: policyText, options }), [provider, policyText, options]);
  const matrix = useQuery({ ...matrixQuery(configuration, entries.entries), enabled: engine !== null && open, placeholderData: keepPreviousData });
  const rows = open ? (matrix.data ?? NO_ROWS) : NO_ROWS;
  const scenarioFile = () => (engine ? engine.matrixScenarioFile(configuration, rows) : '');

  return (
    <details className="scenario-matrix" data-testid="scenario-matrix" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Scenario matrix</summary>
      {open && (
        <>
          <fieldset className="matrix-sources">
            <legend>Run this configuration against</legend>
            {(
              [
                ['witnesses', `the tokens found above (${witnesses.length})`],
                ['gallery', issuer ? `the gallery's ${issuer} tokens` : "the gallery's tokens for this provider"],
                ['pasted', 'claim sets I paste (JSON lines)'],
              ] as const
            ).map(([value, label]) => (
              <label key={value} className="checkbox">
                <input type="radio" name={`${id}-source`} value={value} checked={source === value} onChange={() => setSource(value)} data-testid={`matrix-source-${value}`} /> {label}
              </label>
            ))}
          </fieldset>
          {source === 'pasted' && (
            <>
              <label htmlFor={`${id}-paste`} className="input-label">
                One claim set per line
              </label>
              <textarea
                id={`${id}-paste`}
                className="matrix-paste"
                data-testid="matrix-paste"
                spellCheck={false}
                value={pasted}
                placeholder={'{"iss": "https://gitlab.com", "sub": "project_path:mygroup/myproject:ref_type:branch:ref:main", "aud": "https://gitlab.com"}'}
                onChange={(event) => setPasted(event.target.value)}
              />
              <p className="muted small">Each is evaluated at {isoOf(at)}.</p>
            </>
          )}
          {entries.problem && (
            <p className="callout callout-error" role="alert" data-testid="matrix-problem">
              {entries.problem}
            </p>
          )}
          {rows.length > 0 ? (
            <div className="table-scroll">
              <table className="matrix-table" data-testid="matrix-table">
                <thead>
                  <tr>
                    <th scope="col">Token</th>
                    <th scope="col">Decision</th>
                    <th scope="col">Deciding check</th>
                    <th scope="col">
                      <span className="visually-hidden">Load</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row, index) => (
                    <tr key={`${row.name}#${index}`} data-testid="matrix-row" data-decision={row.result.decision}>
                      <th scope="row">{row.name}</th>
                      <td>
                        <span className={`matrix-decision decision-${row.result.decision}`}>{DECISION_TEXT[row.result.decision]}</span>
                        <div className="muted small">{row.result.message}</div>
                      </td>
                      <td data-check-id={row.decisive?.id}>{row.decisive ? row.decisive.label : <span className="muted">—</span>}</td>
                      <td className="matrix-load">
                        <button type="button" className="link-button" onClick={() => onLoad({ claims: row.claims, at: isoOf(row.at) })} aria-label={`Load ${row.name}`}>
                          Load
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            !entries.problem && <p className="muted small">No tokens to run yet.</p>
          )}
          <div className="button-row">
            <button type="button" disabled={rows.length === 0} data-testid="matrix-copy" onClick={async () => setStatus((await copyText(scenarioFile())) ? 'Scenario file copied.' : 'Could not reach the clipboard; use Download.')}>
              Copy as scenario file
            </button>
            <button type="button" disabled={rows.length === 0} data-testid="matrix-download" onClick={() => downloadText('trustlens-matrix.scenarios.yaml', scenarioFile(), 'application/yaml')}>
              Download
            </button>
          </div>
          <p className="small" role="status" aria-live="polite">
            {status}
          </p>
        </>
      )}
    </details>
  );
}

/** Memoised: it re-renders when its own inputs change, not on every keystroke elsewhere on the page. */
export const ScenarioMatrix = memo(ScenarioMatrixView);
