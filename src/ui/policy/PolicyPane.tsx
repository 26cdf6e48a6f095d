import { memo, useMemo } from 'react';
import { PROVIDER_IDS, type EvaluationResult, type ProviderId } from '../../engine/result';
import { CodeInput } from '../editor/CodeInput';
import type { Annotation, EditorHandle, Highlight } from '../editor/types';
import { useEngine, type Engine } from '../state/useEngine';
import { IacInputs } from './IacInputs';
import { neededValues } from '../verdict/NeedsValues';
import { WrongPaneHint } from '../WrongPaneHint';

interface Props {
  provider: ProviderId;
  policyText: string;
  options: Record<string, string>;
  result: EvaluationResult | null;
  theme: 'light' | 'dark';
  rich: boolean;
  editorRef: { current: EditorHandle | null };
  onProvider: (provider: ProviderId) => void;
  onPolicy: (text: string) => void;
  onOption: (key: string, value: string) => void;
  /** Moves the text to the token pane, when it looks like a token. */
  onMoveToToken?: (text: string) => void;
  /** More editor markers from other analyses (e.g. conditions "who else gets in" could not read). */
  extraAnnotations?: Annotation[];
}

/**
 * Checks with a source range, and findings, as editor annotations. Only failures and risky
 * findings are problems (squiggles); skipped checks and info findings are `info`: a gutter glyph
 * with a hover, never an underline.
 */
export function annotationsOf(result: EvaluationResult | null): Annotation[] {
  const annotations: Annotation[] = [];
  if (!result) return annotations;
  for (const check of result.checks) {
    if (!check.source) continue;
    const severity = check.result === 'pass' ? 'pass' : check.result === 'skip' ? 'info' : 'error';
    annotations.push({
      range: check.source,
      severity,
      message: `${check.label}: ${check.result}. ${check.reason}`,
      decisive: check.decisive,
    });
  }
  for (const finding of result.findings) {
    if (!finding.source) continue;
    const info = finding.severity === 'info';
    // An info note about a whole block (e.g. a Vault role without its auth config) sits on the block's first line.
    const range = info ? { line: finding.source.line, column: finding.source.column, endLine: finding.source.line, endColumn: finding.source.column + 1 } : finding.source;
    annotations.push({ range, severity: info ? 'info' : 'warning', message: `${finding.severity}: ${finding.message}` });
  }
  const errorSource = result.details.errorSource;
  const needed = neededValues(result);
  if (needed.length > 0) {
    // Not an error in the text: each value the verdict waits for gets a quiet note, no red underline.
    const iac = result.details.iac as { placeholders?: Array<{ name: string; range?: Annotation['range'] }> } | undefined;
    for (const placeholder of iac?.placeholders ?? []) {
      if (placeholder.range && needed.includes(placeholder.name)) {
        annotations.push({ range: placeholder.range, severity: 'info', message: `${placeholder.name}: a value the text does not give; fill it in under the editor.`, mark: 'mark-needs-value' });
      }
    }
  } else if (result.decision === 'error' && result.details.inputError === 'policy' && errorSource) {
    annotations.push({ range: errorSource as Annotation['range'], severity: 'error', message: result.message });
  }
  return annotations;
}

type CelRegions = ReturnType<Engine['celEditorRegions']>;

/** Where the CEL inside a Google Cloud provider's JSON strings is, its tokens and syntax errors. */
function celRegionsOf(engine: Engine | null, provider: ProviderId, policyText: string): CelRegions {
  if (!engine || provider !== 'gcp' || policyText.length > 200_000) return [];
  try {
    return engine.celEditorRegions(policyText);
  } catch {
    // Editor help only: the evaluation still reports whatever is wrong with the text.
    return [];
  }
}

export function celHighlights(regions: CelRegions): Highlight[] {
  return regions.flatMap((region) => [
    { range: region.range, className: 'cel-region' },
    ...region.tokens.map((token) => ({ range: token.range, className: `cel-token cel-${token.kind}` })),
  ]);
}

/** Every CEL syntax error as an editor marker (the evaluation names only the first one it meets). */
export function celSyntaxAnnotations(regions: CelRegions): Annotation[] {
  return regions.flatMap((region) =>
    region.error
      ? [{ range: region.error.range, severity: 'error' as const, message: `CEL syntax error in ${region.path.join('.')}: ${region.error.message}`, mark: 'mark-syntax' }]
      : [],
  );
}

const sameStart = (a: Annotation['range'], b: Annotation['range']) => a.line === b.line && a.column === b.column;

function detectedOther(engine: Engine, policyText: string, provider: ProviderId): ProviderId | null {
  try {
    const detection = engine.detectProvider(policyText);
    return detection.ok && detection.provider !== provider ? detection.provider : null;
  } catch {
    return null;
  }
}

function PolicyPaneView(props: Props) {
  const engine = useEngine();
  const { provider, policyText, result } = props;
  const module = engine?.PROVIDERS[provider];
  const celRegions = useMemo(() => celRegionsOf(engine, provider, policyText), [engine, provider, policyText]);
  const highlights = useMemo(() => celHighlights(celRegions), [celRegions]);
  const annotations = useMemo(() => {
    const syntax = celSyntaxAnnotations(celRegions);
    // The verdict's located error for the same spot would only repeat the syntax marker.
    const fromResult = annotationsOf(result).filter((a) => a.severity !== 'error' || !syntax.some((s) => sameStart(s.range, a.range)));
    return [...fromResult, ...syntax, ...(props.extraAnnotations ?? [])];
  }, [result, celRegions, props.extraAnnotations]);
  const suggestion = useMemo(
    () => (engine && policyText.length < 200_000 ? detectedOther(engine, policyText, provider) : null),
    [engine, policyText, provider],
  );
  const misplaced = useMemo(() => (engine ? engine.tokenInPolicyPane(policyText) : null), [engine, policyText]);
  const onMoveToToken = props.onMoveToToken;
  const trimmed = policyText.trimStart();
  const language = trimmed === '' || trimmed.startsWith('{') || trimmed.startsWith('[') ? 'json' : 'plaintext';

  return (
    <>
      <div className="field-row">
        <label htmlFor="provider-select">Provider</label>
        <select
          id="provider-select"
          data-testid="provider-select"
          value={provider}
          onChange={(event) => props.onProvider(event.target.value as ProviderId)}
        >
          {PROVIDER_IDS.map((id) => (
            <option key={id} value={id}>
              {engine?.PROVIDERS[id]?.label ?? id}
            </option>
          ))}
        </select>
      </div>
      {module?.options?.map((option) => (
        <div className="field-row" key={option.key}>
          <label htmlFor={`option-${option.key}`}>{option.label}</label>
          <select
            id={`option-${option.key}`}
            value={props.options[option.key] ?? option.defaultValue}
            onChange={(event) => props.onOption(option.key, event.target.value)}
          >
            {option.choices.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        </div>
      ))}
      {suggestion && (
        <p className="callout callout-info" role="note">
          This looks like a {engine?.PROVIDERS[suggestion]?.label ?? suggestion} configuration.{' '}
          <button type="button" className="link-button" onClick={() => props.onProvider(suggestion)}>
            Switch to {suggestion}
          </button>
        </p>
      )}
      {misplaced && <WrongPaneHint hint={misplaced} onMove={onMoveToToken && (() => onMoveToToken(policyText))} />}
      <div className="editor-frame">
        <CodeInput
          id="policy-input"
          testId="policy-input"
          label="Trust configuration"
          value={policyText}
          onChange={props.onPolicy}
          language={language}
          path={`inmemory://policy/${provider}.json`}
          theme={props.theme}
          annotations={annotations}
          highlights={highlights}
          handleRef={props.editorRef}
          rich={props.rich}
          placeholder="Paste the trust policy, role or credential JSON here"
        />
      </div>
      {props.rich && (
        <p className="editor-keys" id="policy-input-keys" tabIndex={-1} data-testid="editor-keys">
          Tab indents in the editor. To move on: <kbd>Esc</kbd> then <kbd>Tab</kbd>, or <kbd>Ctrl</kbd>+<kbd>M</kbd> (macOS: <kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>M</kbd>) to
          make Tab move focus.
        </p>
      )}
      <IacInputs result={result} options={props.options} onOption={props.onOption} />
    </>
  );
}

/** Memoised: it re-renders when its own inputs change, not on every keystroke elsewhere on the page. */
export const PolicyPane = memo(PolicyPaneView);
