import { lazy, Suspense, useCallback, useRef, useState } from 'react';
import { exampleById } from '../engine/examples';
import type { EditorHandle } from './editor/types';
import { ErrorBoundary } from './ErrorBoundary';
import type { ScanOpenable } from './worker/analysis-protocol';
import { Header } from './Header';
import { PolicyPane } from './policy/PolicyPane';
import { withOption } from './policy/IacInputs';
import { ShareControl } from './share/SharePanel';
import { VerdictBar } from './verdict/VerdictBar';
import { useTheme } from './state/theme';
import { useEvaluation, type KeyInput } from './state/useEvaluation';
import { useWorkbench } from './state/useWorkbench';
import type { Workbench } from './state/workbench';
import type { LoadableToken } from './exposure/WitnessCard';
import { INITIAL_BUILDERS, TokenBuilders } from './token/Builders';
import { TokenPane } from './token/TokenPane';
import { VerdictPane, type RevealTarget } from './verdict/VerdictPane';
import { ComparePane, CompareToggle } from './compare/ComparePane';
import { loadedToken, revealVerdict } from './exposure/load';
import { ReviewPanels } from './exposure/ReviewPanels';
import { useExposure } from './state/useExposure';
import { afterFirstVerdict } from './state/firstVerdict';

// Below the fold and rarely used first: its code is fetched once the first verdict is painted.
const ScanSection = lazy(() => afterFirstVerdict().then(() => import('./scan/ScanSection')).then((module) => ({ default: module.ScanSection })));
// Below the fold too, and sixty cards to render: they wait for the first verdict (or a second, when
// a broken link gives none and the gallery is where to go next).
const Gallery = lazy(() => afterFirstVerdict(1_000).then(() => import('./Gallery')).then((module) => ({ default: module.Gallery })));

export function App() {
  const { workbench, update, loadExample, exampleId, notice, dismissNotice } = useWorkbench();
  const { choice, theme, setChoice } = useTheme();
  const [keyInput, setKeyInput] = useState<KeyInput>({ text: '', source: 'pasted key' });
  const [builders, setBuilders] = useState(INITIAL_BUILDERS);
  const evaluation = useEvaluation(workbench, keyInput);
  const exposure = useExposure(workbench, evaluation.token, evaluation.at);
  const policyEditor = useRef<EditorHandle | null>(null);
  const tokenEditor = useRef<EditorHandle | null>(null);

  const reveal = useCallback((target: RevealTarget) => {
    (target.input === 'policy' ? policyEditor : tokenEditor).current?.reveal(target.range);
  }, []);
  // Stable handlers: the memoised panes then skip the render a keystroke in another pane causes.
  const onProvider = useCallback((provider: Workbench['provider']) => update({ provider }), [update]);
  const onPolicy = useCallback((policyText: string) => update({ policyText }), [update]);
  const options = workbench.options;
  const onOption = useCallback((key: string, value: string) => update({ options: withOption(options, key, value) }), [update, options]);
  // A token pasted into the configuration pane, or a configuration into the token pane: moved in one click.
  const onMoveToPolicy = useCallback((policyText: string) => update({ policyText, tokenText: '' }), [update]);
  const onMoveToToken = useCallback((tokenText: string) => update({ tokenText, policyText: '' }), [update]);
  const onBefore = useCallback((before: string) => update({ before }), [update]);
  // A scanned configuration opens in the workbench as a step Back undoes, its exposure under the verdict.
  const onOpenScanned = useCallback(
    (configuration: ScanOpenable) => {
      update({ provider: configuration.provider, policyText: configuration.policyText, options: configuration.options }, { step: true });
      document.getElementById('policy-heading')?.scrollIntoView({ block: 'start' });
    },
    [update],
  );
  const judgingNow = workbench.at === null;
  const onJudgeNow = useCallback(() => update({ at: null }), [update]);
  const onLoad = useCallback((token: LoadableToken) => {
    update(loadedToken(token), { step: true });
    revealVerdict();
  }, [update]);

  return (
    <div className="app">
      <a className="skip-link" href="#verdict-heading">
        Skip to the verdict
      </a>
      <Header
        exampleId={exampleId}
        at={workbench.at}
        effectiveAt={evaluation.at}
        themeChoice={choice}
        theme={theme}
        onExample={(id) => {
          const example = exampleById(id);
          if (example) loadExample(example);
        }}
        onAt={(at) => update({ at })}
        onTheme={setChoice}
        shareControl={<ShareControl workbench={workbench} token={evaluation.token} result={evaluation.result} at={evaluation.at} exposure={exposure.report} />}
      />
      {notice && (
        <div
          className={`callout ${notice.kind === 'invalid-fragment' ? 'callout-error' : 'callout-info'} banner`}
          role={notice.kind === 'invalid-fragment' ? 'alert' : 'status'}
          data-testid={notice.kind === 'invalid-fragment' || notice.kind === 'too-large' || notice.kind === 'token-left-out' ? 'fragment-error' : 'workbench-notice'}
          data-notice={notice.kind}
        >
          {notice.message}{' '}
          {notice.undo && (
            <>
              <button type="button" className="link-button" onClick={notice.undo.run} data-testid="notice-undo">
                {notice.undo.label}
              </button>{' '}
              ·{' '}
            </>
          )}
          <button type="button" className="link-button" onClick={dismissNotice}>
            Dismiss
          </button>
        </div>
      )}
      <main className="panes">
        <section className="pane pane-token" aria-labelledby="token-heading">
          <h2 id="token-heading">Token</h2>
          <TokenPane
            tokenText={workbench.tokenText}
            token={evaluation.token}
            at={evaluation.at}
            signature={evaluation.signature}
            signaturePending={evaluation.signaturePending}
            keyInput={keyInput}
            editorRef={tokenEditor}
            builder={
              <TokenBuilders state={builders} at={evaluation.at} onState={setBuilders} onClaims={(claims) => update({ tokenText: JSON.stringify(claims, null, 2) }, { fromBuilder: true })} />
            }
            onToken={(tokenText) => update({ tokenText })}
            onMoveToPolicy={onMoveToPolicy}
            onKey={setKeyInput}
          />
        </section>
        <section className="pane pane-policy" aria-labelledby="policy-heading">
          <h2 id="policy-heading">Trust configuration</h2>
          <PolicyPane
            provider={workbench.provider}
            policyText={workbench.policyText}
            options={workbench.options}
            result={evaluation.result}
            theme={theme}
            rich
            editorRef={policyEditor}
            onProvider={onProvider}
            onPolicy={onPolicy}
            onOption={onOption}
            extraAnnotations={exposure.annotations}
            onMoveToToken={onMoveToToken}
          />
          <CompareToggle comparing={workbench.before !== undefined} onToggle={(on) => update({ before: on ? workbench.policyText : undefined }, { step: true })} />
          <ComparePane before={workbench.before} after={workbench.policyText} theme={theme} rich onBefore={onBefore} />
        </section>
        <section className="pane pane-verdict" aria-labelledby="verdict-heading">
          <h2 id="verdict-heading" tabIndex={-1}>
            Verdict
          </h2>
          <ErrorBoundary what="the verdict" resetKey={evaluation.result}>
            <VerdictPane
              result={evaluation.result}
              at={evaluation.at}
              atIsNow={evaluation.atIsNow}
              stale={evaluation.stale}
              onReveal={reveal}
              onJudgeNow={judgingNow ? undefined : onJudgeNow}
            />
          </ErrorBoundary>
          <ReviewPanels workbench={workbench} token={evaluation.token} result={evaluation.result} at={evaluation.at} exposure={exposure} onLoad={onLoad} onReveal={reveal} />
        </section>
      </main>
      <VerdictBar result={evaluation.result} stale={evaluation.stale} />
      <Suspense fallback={null}>
        <ScanSection at={evaluation.at} onOpen={onOpenScanned} />
      </Suspense>
      <Suspense fallback={null}>
        <Gallery currentId={exampleId} />
      </Suspense>
      <footer className="app-footer">
        <p>
          Everything runs in this page: tokens are decoded and evaluated locally, never stored, and never sent anywhere. The only network
          request you can cause is the explicit “Fetch issuer keys”.
        </p>
      </footer>
    </div>
  );
}
