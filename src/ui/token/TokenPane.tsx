import { useMemo, useState } from 'react';
import { AWS_WEB_IDENTITY_TOKEN_MAX } from '../../engine/limits';
import type { TokenOutcome } from '../../engine/token';
import type { SignatureStatus } from '../../engine/verify';
import type { EditorHandle } from '../editor/types';
import { WrongPaneHint } from '../WrongPaneHint';
import { PlainInput } from '../editor/PlainInput';
import { ErrorBoundary } from '../ErrorBoundary';
import { displayValue, sizeOf } from '../format';
import { useEngine } from '../state/useEngine';
import type { KeyInput } from '../state/useEvaluation';
import { ClaimsTable } from './ClaimsTable';
import { SignaturePanel } from './SignaturePanel';
import { SubjectView } from './SubjectView';
import { LiveWarning, TimeStatusView, TrustBadge } from './TokenStatus';

interface Props {
  tokenText: string;
  token: TokenOutcome | null;
  at: number;
  signature: SignatureStatus;
  signaturePending: boolean;
  keyInput: KeyInput;
  editorRef: { current: EditorHandle | null };
  builder?: React.ReactNode;
  onToken: (text: string) => void;
  onKey: (key: KeyInput) => void;
  /** Moves the text to the trust configuration pane, when it looks like a configuration. */
  onMoveToPolicy?: (text: string) => void;
}

/**
 * The longest paste the token pane takes: over three times the largest token a service documents
 * (AWS STS, 20,000 characters), so every over-limit token can still be tried, while megabytes
 * pasted by accident are refused before any work.
 */
export const MAX_TOKEN_PASTE = 65_536;

export function TokenPane(props: Props) {
  const engine = useEngine();
  const { token, at } = props;
  const time = useMemo(() => (engine && token?.ok ? engine.tokenTimeStatus(token.token.claims, at) : null), [engine, token, at]);
  const misplaced = useMemo(() => (engine ? engine.configurationInTokenPane(props.tokenText) : null), [engine, props.tokenText]);
  const onMoveToPolicy = props.onMoveToPolicy;
  const [refusedPaste, setRefusedPaste] = useState<number | null>(null);
  const pasteLimit = useMemo(() => ({ limit: MAX_TOKEN_PASTE, onRefused: setRefusedPaste }), []);
  return (
    <>
      {props.builder}
      <label htmlFor="token-input" className="input-label">
        Token (compact JWS) or claims (JSON object)
      </label>
      <PlainInput
        id="token-input"
        testId="token-input"
        label="Token or claims"
        value={props.tokenText}
        onChange={(text) => {
          setRefusedPaste(null);
          props.onToken(text);
        }}
        pasteLimit={pasteLimit}
        language="plaintext"
        path="inmemory://token"
        theme="light"
        annotations={[]}
        handleRef={props.editorRef}
        rich={false}
        rows={8}
        placeholder="Paste a CI job token (eyJ…), or type claims as JSON"
      />
      {refusedPaste !== null && (
        <p className="callout callout-error" role="alert" data-testid="paste-refused">
          Not pasted: the clipboard holds {sizeOf(refusedPaste)} ({refusedPaste.toLocaleString('en')} characters). A job token is a few kilobytes, and no
          service takes one this large (AWS refuses tokens over {AWS_WEB_IDENTITY_TOKEN_MAX.toLocaleString('en')} characters), so it was not read.
        </p>
      )}
      {misplaced && <WrongPaneHint hint={misplaced} onMove={onMoveToPolicy && (() => onMoveToPolicy(props.tokenText))} />}
      <ErrorBoundary what="the decoded token" resetKey={props.tokenText}>
        {!engine || !token ? (
          <p className="muted">Decoding…</p>
        ) : !token.ok ? (
          <p className="callout callout-error" role="alert" data-testid="token-error">
            {token.error.message}
            {token.error.source && !/line \d+/.test(token.error.message) && (
              <span className="muted"> (line {token.error.source.line}, column {token.error.source.column})</span>
            )}
          </p>
        ) : (
          <div className="token-details" data-testid="token-details">
            <TrustBadge token={token.token} signature={props.signature} pending={props.signaturePending} />
            <p className="muted small" data-testid="issuer-family">
              Issuer: {engine.catalogue.issuerLabel(token.token.claims)}
            </p>
            {token.token.warnings.map((warning) => (
              <p key={warning} className="callout callout-info" role="note">
                {warning}
              </p>
            ))}
            {time && <LiveWarning token={token.token} time={time} onStrip={() => props.onToken(engine.stripSignature(props.tokenText))} />}
            {time && <TimeStatusView time={time} />}
            <SubjectView claims={token.token.claims} catalogue={engine.catalogue} />
            <h3>Claims</h3>
            <ClaimsTable claims={token.token.claims} catalogue={engine.catalogue} at={at} />
            {token.token.header && (
              <details className="header-details">
                <summary>Header</summary>
                <table className="claims-table">
                  <tbody>
                    {Object.entries(token.token.header).map(([name, value]) => (
                      <tr key={name}>
                        <th scope="row">
                          <code>{name}</code>
                        </th>
                        <td>
                          <code className="value">{displayValue(value)}</code>
                          {(name === 'jku' || name === 'x5u') && <div className="flag">Never followed: a token does not get to pick who vouches for it.</div>}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            )}
          </div>
        )}
      </ErrorBoundary>
      <SignaturePanel
        issuer={token?.ok ? token.token.claims.iss : undefined}
        isJws={!!token?.ok && token.token.kind === 'jws'}
        keyInput={props.keyInput}
        signature={props.signature}
        pending={props.signaturePending}
        onKey={props.onKey}
      />
    </>
  );
}
