import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ExposureReport } from '../../engine/exposure/types';
import type { EvaluationResult } from '../../engine/result';
import type { TokenOutcome } from '../../engine/token';
import { sizeOf } from '../format';
import type { Workbench } from '../state/workbench';
import { copyText, downloadText } from './clipboard';
import { shareInputOf } from './input';
import { useEngine, type Engine } from '../state/useEngine';
import { useComparison } from '../state/useExposure';

interface Props {
  workbench: Workbench;
  token: TokenOutcome | null;
  result: EvaluationResult | null;
  at: number;
  /** "Who else gets in", for the report; null while it is being analysed. */
  exposure?: ExposureReport | null;
}

type ReadyProps = Props & { engine: Engine; token: TokenOutcome; result: EvaluationResult };

/** Share: a link with the state in its fragment; hand-offs for reviews and CI. */
export function ShareControl(props: Props) {
  const engine = useEngine();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const button = useRef<HTMLButtonElement>(null);
  // Escape closes the panel from anywhere in it (a disclosure, WAI-ARIA APG) and gives focus back to
  // the button that opened it.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Escape' || !open) return;
    event.preventDefault();
    setOpen(false);
    button.current?.focus();
  };
  return (
    <div className="share-control" onKeyDown={onKeyDown}>
      <button
        ref={button}
        type="button"
        data-testid="share-link"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        disabled={!engine}
        onClick={() => setOpen((value) => !value)}
      >
        Share
      </button>
      {open && engine && props.token && props.result && (
        <SharePanel id={panelId} {...(props as ReadyProps)} engine={engine} onClose={() => setOpen(false)} />
      )}
    </div>
  );
}

function SharePanel({ id, engine, workbench, token, result, at, exposure = null, onClose }: ReadyProps & { id: string; onClose: () => void }) {
  // The same queries as the compare panel: answered from its cache, not analysed again.
  const comparison = useComparison(workbench, token, at);
  const [includeToken, setIncludeToken] = useState(false);
  const [redact, setRedact] = useState(false);
  const [status, setStatus] = useState('');
  const signed = token.ok && token.token.kind === 'jws' && !!token.token.compact && !token.token.compact.endsWith('.');
  const input = useMemo(() => shareInputOf(workbench, token), [workbench, token]);
  const choices = useMemo(() => ({ includeToken: includeToken && signed, redact }), [includeToken, signed, redact]);
  const baseUrl = window.location.origin + window.location.pathname;
  const link = useMemo(() => engine.shareLink(baseUrl, engine.buildShareState(input, choices)), [engine, baseUrl, input, choices]);
  const warnings = useMemo(() => engine.shareWarnings(input, choices, at, baseUrl), [engine, input, choices, at, baseUrl]);
  const redacted = useMemo(() => (redact && token.ok ? engine.redactClaims(token.token.claims).redacted : []), [engine, redact, token]);
  const claims = token.ok ? token.token.claims : null;
  const offs = useMemo(
    () => ({
      scenario: claims ? engine.scenarioFileFor({ provider: workbench.provider, policy: workbench.policyText, claims, at, result, options: workbench.options }) : null,
      cli: engine.cliCommandFor({ provider: workbench.provider, at, tokenKind: token.ok && token.token.kind === 'jws' ? 'token' : 'claims', options: workbench.options }),
      report: () =>
        engine.markdownReport({
          provider: workbench.provider,
          policy: workbench.policyText,
          claims,
          at,
          result,
          generatedAt: Math.floor(Date.now() / 1000),
          exposure,
          comparison: workbench.before !== undefined ? { before: workbench.before, beforeResult: comparison.beforeResult, diff: comparison.report } : null,
        }),
    }),
    [engine, workbench, token, claims, result, at, exposure, comparison],
  );

  const copy = async (what: string, text: string) => {
    setStatus((await copyText(text)) ? `${what} copied.` : `Could not reach the clipboard; select the text and copy it.`);
  };

  return (
    <div id={id} className="share-panel" role="region" aria-label="Share and export">
      <div className="share-panel-head">
        <strong>Share this scenario</strong>
        <button type="button" className="link-button" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="muted small">The state travels in the link's fragment (after #), which browsers never send to a server.</p>
      {signed && (
        <label className="checkbox">
          <input type="checkbox" checked={includeToken} onChange={(event) => setIncludeToken(event.target.checked)} data-testid="share-include-token" /> Include the
          full token with its signature
        </label>
      )}
      <label className="checkbox">
        <input type="checkbox" checked={redact} onChange={(event) => setRedact(event.target.checked)} data-testid="share-redact" /> Redact identifying claims
        ({engine.REDACTABLE_CLAIMS.join(', ')})
      </label>
      {redact && (
        <p className="muted small" data-testid="share-redacted">
          {redacted.length > 0
            ? `Masked: ${redacted.join(', ')}. The recipient sees placeholders there; a configuration that binds them evaluates differently.`
            : 'No identifying claims to mask.'}
        </p>
      )}
      <label htmlFor={`${id}-url`} className="input-label">
        Link
      </label>
      <div className="share-url-row">
        <input id={`${id}-url`} type="text" readOnly value={link.url} data-testid="share-url" onFocus={(event) => event.target.select()} />
        <button type="button" onClick={() => copy('Link', link.url)}>
          Copy link
        </button>
      </div>
      <p className={`small ${link.tooLong || !link.loadable ? 'field-error' : 'muted'}`} data-testid="share-length">
        {link.length.toLocaleString('en')} characters ({sizeOf(link.length)})
      </p>
      {warnings.map((warning) => (
        <p key={warning} className="callout callout-warning" role="alert" data-testid="share-warning">
          {warning}
        </p>
      ))}
      <div className="button-row">
        <button type="button" disabled={offs.scenario === null} onClick={() => offs.scenario !== null && copy('Scenario file', offs.scenario)} data-testid="copy-scenario">
          Copy as scenario file
        </button>
        <button type="button" onClick={() => copy('CLI command', offs.cli)} data-testid="copy-cli">
          Copy as CLI command
        </button>
        <button type="button" onClick={() => downloadText('trustlens-report.md', offs.report())} data-testid="export-report">
          Export report
        </button>
      </div>
      <p className="small" role="status" aria-live="polite">
        {status}
      </p>
    </div>
  );
}
