import { useEffect, useRef, useState } from 'react';
import { currentEmbedContext, embedTargetOrigin, withoutClaimValues } from './embedOrigin';
import { ErrorBoundary } from './ErrorBoundary';
import { PolicyPane } from './policy/PolicyPane';
import { withOption } from './policy/IacInputs';
import { shareInputOf } from './share/input';
import { useEngine } from './state/useEngine';
import { useTheme } from './state/theme';
import { useEvaluation, type KeyInput } from './state/useEvaluation';
import { useWorkbench } from './state/useWorkbench';
import type { EditorHandle } from './editor/types';
import type { TokenOutcome } from '../engine/token';
import { PlainInput } from './editor/PlainInput';
import { VerdictPane, type RevealTarget } from './verdict/VerdictPane';
import { loadedToken } from './exposure/load';
import { ReviewPanels } from './exposure/ReviewPanels';
import { useExposure } from './state/useExposure';

const NO_KEY: KeyInput = { text: '', source: 'pasted key' };

/** Messages to the page that frames the embed; documented in docs/embed.md. */
export type EmbedMessage =
  | { type: 'trustlens:resize'; height: number }
  | { type: 'trustlens:decision'; decision: 'allow' | 'deny' | 'error'; message: string };

/** Only to the embedding page's origin (embedOrigin.ts); nothing when it is not known. */
function post(message: EmbedMessage) {
  if (window.parent === window) return;
  const target = embedTargetOrigin(currentEmbedContext());
  if (target) window.parent.postMessage(message, target);
}

function claimsOf(token: TokenOutcome | null): Record<string, unknown> | null {
  return token?.ok ? token.token.claims : null;
}

/** `?embed=1`: the verdict and compact inputs, for an iframe in documentation. */
export function EmbedApp() {
  const engine = useEngine();
  const { workbench, update, notice } = useWorkbench();
  // A link that loads nothing (an unknown example id, a damaged state) says so, as the full app
  // does, instead of a verdict about the empty inputs it fell back to.
  const broken = notice?.kind === 'invalid-fragment' ? notice.message : null;
  useTheme();
  const evaluation = useEvaluation(workbench, NO_KEY);
  // `?embed=1&exposure=1`: the page asks for "who else gets in" under the verdict.
  const [showExposure] = useState(() => new URLSearchParams(window.location.search).get('exposure') === '1');
  const exposure = useExposure(workbench, evaluation.token, evaluation.at, showExposure);
  const policyEditor = useRef<EditorHandle | null>(null);
  const tokenEditor = useRef<EditorHandle | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const inputs = useRef<HTMLDetailsElement>(null);
  const reveal = (target: RevealTarget) => {
    // The inputs are folded in an embed: unfold them before pointing at a line.
    if (inputs.current) inputs.current.open = true;
    requestAnimationFrame(() => (target.input === 'policy' ? policyEditor : tokenEditor).current?.reveal(target.range));
  };

  useEffect(() => {
    const element = root.current;
    if (!element) return;
    let last = -1;
    const observer = new ResizeObserver(() => {
      const height = Math.ceil(element.getBoundingClientRect().height);
      if (height !== last) {
        last = height;
        post({ type: 'trustlens:resize', height });
      }
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const decision = evaluation.result?.decision;
  // Masked with the claims of the token that produced this very result: while a new token is
  // being evaluated the previous verdict is still shown, and masking its message with the new
  // token's claims would hand the previous token's values to the framing page.
  const message = evaluation.result ? withoutClaimValues(evaluation.result.message, claimsOf(evaluation.resultToken)) : undefined;
  useEffect(() => {
    if (decision && message !== undefined) post({ type: 'trustlens:decision', decision, message });
  }, [decision, message]);

  const fullAppUrl = engine
    ? engine.shareLink(`${window.location.origin}${window.location.pathname}`, engine.buildShareState(shareInputOf(workbench, evaluation.token), { includeToken: false, redact: false })).url
    : window.location.pathname;

  return (
    <div className="embed" ref={root}>
      <div className="embed-head">
        <span className="brand-small">trustlens</span>
        <a href={fullAppUrl} target="_blank" rel="noopener" data-testid="open-in-trustlens">
          Open in trustlens ↗
        </a>
      </div>
      {broken && (
        <p className="callout callout-error" role="alert" data-testid="fragment-error">
          {broken}
        </p>
      )}
      <ErrorBoundary what="the verdict" resetKey={evaluation.result}>
        {!broken && <VerdictPane result={evaluation.result} at={evaluation.at} atIsNow={evaluation.atIsNow} stale={evaluation.stale} onReveal={reveal} compact />}
      </ErrorBoundary>
      {showExposure && <ReviewPanels workbench={workbench} token={evaluation.token} result={evaluation.result} at={evaluation.at} exposure={exposure} onLoad={(token) => update(loadedToken(token))} matrix={false} />}
      <details className="embed-inputs" ref={inputs}>
        <summary>Token and trust configuration</summary>
        <div className="embed-grid">
          <div>
            <label htmlFor="token-input" className="input-label">
              Token or claims
            </label>
            <PlainInput id="token-input" testId="token-input" label="Token or claims" value={workbench.tokenText} onChange={(tokenText) => update({ tokenText })} language="plaintext" path="inmemory://token" theme="light" annotations={[]} handleRef={tokenEditor} rich={false} rows={10} />
          </div>
          <div>
            <PolicyPane provider={workbench.provider} policyText={workbench.policyText} options={workbench.options} result={evaluation.result} theme="light" rich={false} editorRef={policyEditor} onProvider={(provider) => update({ provider })} onPolicy={(policyText) => update({ policyText })} onOption={(key, value) => update({ options: withOption(workbench.options, key, value) })} />
          </div>
        </div>
      </details>
    </div>
  );
}
