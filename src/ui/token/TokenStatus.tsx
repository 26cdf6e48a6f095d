import type { TokenTimeStatus } from '../../engine/time';
import type { Token } from '../../engine/token';
import type { SignatureStatus } from '../../engine/verify';

/** Decoded and verified are different facts; this badge never lets one pass for the other. */
export function TrustBadge({ token, signature, pending }: { token: Token; signature: SignatureStatus; pending: boolean }) {
  if (token.kind === 'claims') {
    return (
      <p className="trust-badge trust-crafted" data-testid="token-trust" data-state="crafted">
        Crafted claims: evaluated as an unsigned token (nothing to verify).
      </p>
    );
  }
  if (token.compact?.endsWith('.')) {
    return (
      <p className="trust-badge trust-decoded" data-testid="token-trust" data-state="unsigned">
        No signature (left out, e.g. by a share link): the header and claims are decoded; nothing can be verified.
      </p>
    );
  }
  if (pending) {
    return (
      <p className="trust-badge trust-decoded" data-testid="token-trust" data-state="pending">
        Decoded; verifying the signature…
      </p>
    );
  }
  if (signature.state === 'verified') {
    return (
      <p className="trust-badge trust-verified" data-testid="token-trust" data-state="verified">
        Signature verified ({signature.alg}
        {signature.kid ? `, kid=${signature.kid}` : ''}) with the {signature.keySource}.
      </p>
    );
  }
  if (signature.state === 'invalid') {
    return (
      <p className="trust-badge trust-invalid" data-testid="token-trust" data-state="invalid">
        Signature does not verify: {signature.reason}.
      </p>
    );
  }
  return (
    <p className="trust-badge trust-decoded" data-testid="token-trust" data-state="decoded">
      Decoded, not verified: these claims are what the token says, not proof of who issued it.
    </p>
  );
}

export function LiveWarning({ token, time, onStrip }: { token: Token; time: TokenTimeStatus; onStrip: () => void }) {
  const signed = token.kind === 'jws' && token.compact !== null && !token.compact.endsWith('.');
  if (!time.live || !signed) return null;
  const exp = time.notes.find((note) => note.claim === 'exp');
  return (
    <div className="callout callout-warning" role="alert" data-testid="live-warning">
      <strong>Live token.</strong> It is valid until {exp?.iso ?? '?'} ({exp?.relative ?? ''}); anyone holding it can exchange it for
      cloud credentials in roles that trust it. Treat it like a password: it stays in this page, and share links leave its signature
      out unless you opt in.{' '}
      <button type="button" className="link-button" onClick={onStrip}>
        Strip the signature
      </button>
    </div>
  );
}

export function TimeStatusView({ time }: { time: TokenTimeStatus }) {
  if (time.notes.length === 0) return null;
  const NAMES = { iat: 'Issued (iat)', nbf: 'Not before (nbf)', exp: 'Expires (exp)' } as const;
  return (
    <dl className="time-status" data-testid="time-status">
      {time.notes.map((note) => (
        <div key={note.claim} className="time-row">
          <dt>{NAMES[note.claim]}</dt>
          <dd>
            {note.iso ? (
              <>
                <time dateTime={note.iso}>{note.iso}</time> <span className="relative">({note.relative})</span>
              </>
            ) : (
              <span className="flag">not a number: {JSON.stringify(note.value)}</span>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
