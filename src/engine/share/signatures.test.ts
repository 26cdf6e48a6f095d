import { createRequire } from 'node:module';
import fc from 'fast-check';
import { generateKeyPair, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { readTokenInput } from '../token';
import { buildShareState, shareLink, shareWarnings, type ShareInput } from './build';
import { stripSignature } from './redact';
import { scrubSignatures, scrubSignaturesInJson } from './signatures';

const lz = createRequire(import.meta.url)('lz-string') as { decompressFromEncodedURIComponent(input: string): string | null };

const AT = 1_700_000_000;
const POLICY = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity"}]}';
const CLAIMS = { iss: 'https://token.actions.githubusercontent.com', sub: 'repo:octo-org/octo-repo:ref:refs/heads/main', aud: 'sts.amazonaws.com', exp: AT + 300 };

let first = '';
let second = '';
const signatureOf = (compact: string) => compact.split('.')[2];

beforeAll(async () => {
  const { privateKey } = await generateKeyPair('ES256');
  first = await new SignJWT(CLAIMS).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).sign(privateKey);
  second = await new SignJWT({ ...CLAIMS, sub: 'repo:octo-org/other:ref:refs/heads/main' }).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).sign(privateKey);
});

/** The address bar and the default share link both come from buildShareState without the opt-in. */
function fragmentFor(tokenText: string): string {
  const decoded = readTokenInput(tokenText);
  const input: ShareInput = { provider: 'aws', policy: POLICY, tokenText, token: decoded.ok ? decoded.token : null, at: AT };
  const link = shareLink('https://trustlens.example/', buildShareState(input, { includeToken: false, redact: false }));
  return lz.decompressFromEncodedURIComponent(link.url.split('#s=')[1]) ?? '';
}

describe('pastes that are not exactly one compact JWS never put a signature in a link', () => {
  it('a token with the full stop of a sentence after it decodes, and the link has no signature', () => {
    const outcome = readTokenInput(`${first}.`);
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect(outcome.token.warnings).toContain('A trailing "." after the signature was removed.');
    expect(fragmentFor(`${first}.`)).not.toContain(signatureOf(first));
  });

  it('two tokens run together are named as such, not as an encrypted token, and are left out of the link', () => {
    for (const pasted of [`${first}${second}`, `${first}\n${second}`, `${first} ${second}`, `${first}.${second}`]) {
      const outcome = readTokenInput(pasted);
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) {
        expect(outcome.error.message).toContain('more than one token');
        expect(outcome.error.message).not.toContain('JWE');
      }
      const fragment = fragmentFor(pasted);
      expect(fragment).not.toContain(signatureOf(first));
      expect(fragment).not.toContain(signatureOf(second));
      expect(JSON.parse(fragment).token).toBe('');
    }
  });

  it("GitHub's token endpoint reply is read as the token it carries, and its signature stays out of the link", () => {
    // The endpoint behind ACTIONS_ID_TOKEN_REQUEST_URL answers {"count": …, "value": "<jwt>"}
    // (actions/toolkit packages/core/src/oidc-utils.ts reads `.value`).
    const reply = JSON.stringify({ count: 1, value: first });
    const outcome = readTokenInput(reply);
    expect(outcome.ok && outcome.token.kind).toBe('jws');
    if (outcome.ok) expect(outcome.token.claims.sub).toBe(CLAIMS.sub);
    const fragment = fragmentFor(reply);
    expect(fragment).not.toContain(signatureOf(first));
    expect(JSON.parse(fragment).claims.sub).toBe(CLAIMS.sub);
  });

  it('an id_token wrapper (OIDC Core §3.1.3.3 token response) is unwrapped too', () => {
    const outcome = readTokenInput(JSON.stringify({ id_token: first, token_type: 'Bearer' }));
    expect(outcome.ok && outcome.token.compact).toBe(first);
  });

  it('claims that hold a token in a value stay claims, and the value loses its signature in the link', () => {
    const claims = JSON.stringify({ ...CLAIMS, note: `see ${first} and ${second}.` });
    const outcome = readTokenInput(claims);
    expect(outcome.ok && outcome.token.kind).toBe('claims');
    const fragment = fragmentFor(claims);
    expect(fragment).not.toContain(signatureOf(first));
    expect(fragment).not.toContain(signatureOf(second));
  });

  it('claims JSON that does not parse travels scrubbed', () => {
    const broken = `{"count":1,"value":"${first}"`;
    const fragment = fragmentFor(broken);
    expect(fragment).not.toContain(signatureOf(first));
    expect(JSON.parse(fragment).token).toContain(first.split('.').slice(0, 2).join('.'));
  });

  it('the share panel says an undecodable token is left out', () => {
    const pasted = `${first}${second}`;
    const input: ShareInput = { provider: 'aws', policy: POLICY, tokenText: pasted, token: null, at: AT };
    expect(shareWarnings(input, { includeToken: true, redact: false }, AT).join(' ')).toContain('leaves it out');
    expect(JSON.stringify(buildShareState(input, { includeToken: true, redact: false }))).not.toContain(signatureOf(second));
  });

  it('the opt-in still shares the token exactly', () => {
    const decoded = readTokenInput(first);
    const input: ShareInput = { provider: 'aws', policy: POLICY, tokenText: first, token: decoded.ok ? decoded.token : null, at: AT };
    expect(buildShareState(input, { includeToken: true, redact: false }).token).toBe(first);
  });

  it('"strip signature" handles every shape, not only 2 or 3 segments', () => {
    expect(stripSignature(`${first}.`)).not.toContain(signatureOf(first));
    const both = stripSignature(`${first}${second}`);
    expect(both).not.toContain(signatureOf(first));
    expect(both).not.toContain(signatureOf(second));
    expect(stripSignature(JSON.stringify({ count: 1, value: first }))).not.toContain(signatureOf(first));
  });
});

describe('scrubSignatures', () => {
  it('leaves dotted names that are not tokens alone', () => {
    for (const text of ['token.actions.githubusercontent.com', 'a.b.c', 'v1.2.3', 'repo:o/r:ref:refs/heads/x.y.z']) {
      expect(scrubSignatures(text)).toBe(text);
    }
  });

  it('property: no signature of a token embedded anywhere in random text survives, and JSON stays JSON', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.boolean(), (before, after, twice) => {
        const text = `${before}${first}${twice ? second : ''}${after}`;
        const scrubbed = scrubSignatures(text);
        expect(scrubbed).not.toContain(signatureOf(first));
        if (twice) expect(scrubbed).not.toContain(signatureOf(second));
        const json = scrubSignaturesInJson({ [before]: text, list: [after, first] });
        expect(JSON.stringify(json)).not.toContain(signatureOf(first));
      }),
    );
  });
});
