import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { SignatureStatus } from '../../engine/verify';
import { DiscoveryError, discoveryUrlFor, isAllowedOrigin } from '../discovery';
import { discoveryQuery } from '../state/queries';
import type { KeyInput } from '../state/useEvaluation';

interface Props {
  issuer: unknown;
  isJws: boolean;
  keyInput: KeyInput;
  signature: SignatureStatus;
  pending: boolean;
  onKey: (key: KeyInput) => void;
}

/** A word for a POSIX shell: the issuer comes from the token, so it is quoted whatever it holds. */
function shellWord(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** An http(s) issuer whose keys the page may not fetch (connect-src stays strict): the commands to run instead. */
function manualDiscovery(issuer: string | null): { configurationUrl: string; commands: string[] } | null {
  if (!issuer) return null;
  let configurationUrl: string;
  try {
    configurationUrl = discoveryUrlFor(issuer);
    const url = new URL(configurationUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  } catch {
    return null;
  }
  if (isAllowedOrigin(configurationUrl)) return null;
  const quoted = shellWord(configurationUrl);
  return {
    configurationUrl,
    commands: [`curl -s ${quoted}`, `curl -s "$(curl -s ${quoted} | jq -r .jwks_uri)"`],
  };
}

/** Key material for signature verification: pasted, or fetched from the issuer on an explicit click. */
export function SignaturePanel({ issuer, isJws, keyInput, signature, pending, onKey }: Props) {
  const [requestedIssuer, setRequestedIssuer] = useState<string | null>(null);
  const queryClient = useQueryClient();
  // Shows the last fetch; nothing is fetched but on a click.
  const discovery = useQuery({ ...discoveryQuery(requestedIssuer), enabled: false });
  const fetchKeys = (issuerText: string) => {
    setRequestedIssuer(issuerText);
    // Each click fetches again, and the keys it brings fill the key field.
    queryClient.fetchQuery({ ...discoveryQuery(issuerText), staleTime: 0 }).then(
      (keys) => onKey({ text: keys.jwksText, source: keys.source }),
      () => undefined,
    );
  };
  const issuerText = typeof issuer === 'string' ? issuer : null;
  const manual = manualDiscovery(issuerText);

  return (
    <details className="signature-panel" open={keyInput.text !== '' || undefined}>
      <summary>Verify the signature {isJws ? '' : '(paste a signed token first)'}</summary>
      <label htmlFor="key-input">Public key: JWKS, JWK or PEM</label>
      <textarea
        id="key-input"
        className="code-input key-input"
        rows={4}
        spellCheck={false}
        value={keyInput.text}
        placeholder='{"keys": [ … ]}  or  -----BEGIN PUBLIC KEY-----'
        onChange={(event) => onKey({ text: event.target.value, source: 'pasted key' })}
      />
      {manual ? (
        <div className="manual-discovery" data-testid="manual-discovery">
          <p className="muted small">
            This page only fetches keys from gitlab.com and GitHub Actions. For this issuer, run these commands (the first shows its OpenID
            configuration, the second fetches the JWKS its <code>jwks_uri</code> names; <code>jq</code> required) and paste the second one's output
            above:
          </p>
          <pre className="command" data-testid="discovery-commands">{manual.commands.join('\n')}</pre>
        </div>
      ) : (
      <div className="button-row">
        <button
          type="button"
          disabled={!issuerText || discovery.isFetching}
          onClick={() => {
            if (issuerText) fetchKeys(issuerText);
          }}
        >
          {discovery.isFetching ? 'Fetching keys…' : 'Fetch issuer keys'}
        </button>
        <span className="muted small">
          {issuerText ? `Fetches ${issuerText}/.well-known/openid-configuration, then its jwks_uri. Nothing is fetched until you click.` : 'The token has no iss.'}
        </span>
      </div>
      )}
      {discovery.isError && (
        <p className="callout callout-error" role="alert">
          {discovery.error instanceof DiscoveryError ? discovery.error.message : `Key discovery failed: ${String(discovery.error)}`}
        </p>
      )}
      {discovery.isSuccess && (
        <p className="muted small">
          {discovery.data.keyCount} key(s) from {discovery.data.jwksUri}.
        </p>
      )}
      {keyInput.text.trim() !== '' && (
        <p className={`signature-status signature-${pending ? 'pending' : signature.state}`} data-testid="signature-status">
          {pending
            ? 'Verifying…'
            : signature.state === 'verified'
              ? `Verified: ${signature.alg}${signature.kid ? `, kid=${signature.kid}` : ''}, with the ${signature.keySource}.`
              : signature.state === 'invalid'
                ? `Does not verify: ${signature.reason}.`
                : signature.reason}
        </p>
      )}
    </details>
  );
}
