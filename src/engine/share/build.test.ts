import { createRequire } from 'node:module';
import { generateKeyPair, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { readTokenInput, type Token } from '../token';
import { buildShareState, shareLink, shareWarnings, type ShareChoices, type ShareInput } from './build';
import { REDACTED } from './redact';
import { decodeFragment, encodeShareFragment, MAX_FRAGMENT_CHARS } from './state';

const lz = createRequire(import.meta.url)('lz-string') as { decompressFromEncodedURIComponent(input: string): string | null };

const AT = 1_700_000_000;
const POLICY = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRoleWithWebIdentity"}]}';
const CLAIMS = {
  iss: 'https://gitlab.com',
  sub: 'project_path:my-group/my-project:ref_type:branch:ref:main',
  aud: 'sts.amazonaws.com',
  project_id: '20',
  user_email: 'sample-user@example.com',
  jti: '235b3a54-b797-45c7-ae9a-f72d7bc6ef5b',
  iat: AT - 60,
  nbf: AT - 60,
  exp: AT + 240,
};

let compact = '';
let signature = '';
let token: Token;

beforeAll(async () => {
  const { privateKey } = await generateKeyPair('ES256');
  compact = await new SignJWT(CLAIMS).setProtectedHeader({ alg: 'ES256', kid: 'key-1', typ: 'JWT' }).sign(privateKey);
  signature = compact.split('.')[2];
  const decoded = readTokenInput(compact);
  if (!decoded.ok) throw new Error(decoded.error.message);
  token = decoded.token;
});

const input = (overrides: Partial<ShareInput> = {}): ShareInput => ({ provider: 'aws', policy: POLICY, tokenText: compact, token, at: AT, ...overrides });
const DEFAULT: ShareChoices = { includeToken: false, redact: false };

function decompressedFragment(fragment: string): string {
  const json = lz.decompressFromEncodedURIComponent(fragment.slice('#s='.length));
  if (json === null) throw new Error('fragment does not decompress');
  return json;
}

describe('buildShareState', () => {
  // Default to decoded claims without the signature; the raw token is an explicit opt-in
  // (README, "Examples, links and embedding" and "Privacy").
  it('shares decoded claims and header, never the signature, by default', () => {
    const state = buildShareState(input(), DEFAULT);
    expect(state).toEqual({ v: 1, provider: 'aws', policy: POLICY, claims: CLAIMS, header: { alg: 'ES256', kid: 'key-1', typ: 'JWT' }, token: null, at: AT });
    const json = decompressedFragment(encodeShareFragment(state));
    expect(json).not.toContain(signature);
    // No compact JWS of any kind: neither the signed token nor its segments.
    const [headerSegment, payloadSegment] = compact.split('.');
    expect(json).not.toContain(headerSegment);
    expect(json).not.toContain(payloadSegment);
    expect(json).not.toMatch(/eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+/);
  });

  it('shares the raw token, cleaned, only when asked', () => {
    const pasted = `Bearer ${compact.slice(0, 30)}\n  ${compact.slice(30)}\n`;
    const state = buildShareState(input({ tokenText: pasted, token: (readTokenInput(pasted) as { token: Token }).token }), { includeToken: true, redact: false });
    expect(state.token).toBe(compact);
    expect(state.claims).toBeNull();
    expect(state.header).toBeUndefined();
  });

  it('redacts identifying claims in the shared claims', () => {
    const state = buildShareState(input(), { includeToken: false, redact: true });
    expect(state.claims).toEqual({ ...CLAIMS, user_email: REDACTED, jti: REDACTED });
    const json = decompressedFragment(encodeShareFragment(state));
    expect(json).not.toContain('sample-user@example.com');
    expect(json).not.toContain(CLAIMS.jti);
  });

  it('shares crafted claims as claims, with no header', () => {
    const claimsText = JSON.stringify(CLAIMS);
    const crafted = (readTokenInput(claimsText) as { token: Token }).token;
    const state = buildShareState(input({ tokenText: claimsText, token: crafted }), { includeToken: true, redact: false });
    expect(state).toEqual({ v: 1, provider: 'aws', policy: POLICY, claims: CLAIMS, token: null, at: AT });
    expect('header' in state).toBe(false);
  });

  it('leaves token input that does not decode out of the link, and keeps broken claims JSON as typed', () => {
    const broken = `${compact.split('.')[0]}.bm90LWpzb24.${signature}`;
    expect(buildShareState(input({ tokenText: broken, token: null }), DEFAULT).token).toBe('');
    expect(buildShareState(input({ tokenText: broken, token: null }), { includeToken: true, redact: false }).token).toBe('');
    expect(buildShareState(input({ tokenText: '{"sub": ', token: null }), DEFAULT).token).toBe('{"sub": ');
  });

  it('carries options only when there are some, and "now" as null', () => {
    expect(buildShareState(input({ options: { flavour: 'openbao' }, at: null }), DEFAULT)).toMatchObject({ options: { flavour: 'openbao' }, at: null });
    expect('options' in buildShareState(input({ options: {} }), DEFAULT)).toBe(false);
  });

  it('carries the compared-against configuration only in compare mode', () => {
    const before = '{"Version": "2012-10-17", "Statement": []}';
    expect(buildShareState(input({ before }), DEFAULT).before).toBe(before);
    expect(buildShareState(input({ before, tokenText: 'x.y', token: null }), DEFAULT).before).toBe(before);
    expect('before' in buildShareState(input({ before: null }), DEFAULT)).toBe(false);
    expect('before' in buildShareState(input(), DEFAULT)).toBe(false);
  });

  it('builds states the decoder accepts unchanged', () => {
    for (const choices of [DEFAULT, { includeToken: true, redact: false }, { includeToken: false, redact: true }]) {
      const state = buildShareState(input({ options: { flavour: 'vault' }, before: '{}' }), choices);
      expect(decodeFragment(encodeShareFragment(state))).toEqual({ kind: 'state', state });
    }
  });
});

describe('shareWarnings', () => {
  // Live-token warning when exp is in the future, and links flagged past 8 KB
  // (README, "Privacy": a live token is warned about; long links past 8 KB are warned about).
  it('warns about a live token only when the raw token is shared', () => {
    const [live] = shareWarnings(input(), { includeToken: true, redact: false }, AT);
    expect(live).toBe(
      'This token is live until 2023-11-14T22:17:20Z (expires in 4 min): anyone holding the link can present it to every role that trusts its issuer and audience until then. Share the claims without the signature instead.',
    );
    expect(shareWarnings(input(), DEFAULT, AT)).toEqual([]);
    expect(shareWarnings(input(), { includeToken: true, redact: false }, CLAIMS.exp)).toEqual([]);
  });

  it('says redaction cannot apply to a raw token', () => {
    const warnings = shareWarnings(input(), { includeToken: true, redact: true }, CLAIMS.exp + 1);
    expect(warnings).toEqual(['Redaction does not apply to the raw token: a signed token is shared exactly as issued, every claim included.']);
  });

  it('warns when the configuration binds a claim that redaction masks', () => {
    const policy = '{"Condition":{"StringEquals":{"gitlab.com:user_email":"sample-user@example.com"}}}';
    expect(shareWarnings(input({ policy }), { includeToken: false, redact: true }, AT)).toEqual([
      'The configuration mentions user_email, which redaction masks: the shared link may not reproduce this decision.',
    ]);
  });

  it('warns past 8 KB, and when the state is too long to load', () => {
    // Text that lz-string cannot shrink much: a counter in base 36 with a varying stride.
    const noisy = (n: number) => Array.from({ length: n }, (_, i) => ((i * 7919 + i * i) % 46_656).toString(36)).join('');
    const long = input({ policy: noisy(4000) });
    const link = shareLink('https://trustlens.example/', buildShareState(long, DEFAULT));
    expect(link.tooLong).toBe(true);
    expect(link.loadable).toBe(true);
    expect(shareWarnings(long, DEFAULT, AT, 'https://trustlens.example/')).toEqual([
      `This link is ${link.length} characters long (over 8 KB): some chat tools, proxies and browsers cut long links.`,
    ]);
    const huge = input({ policy: noisy(12_000) });
    const hugeLink = shareLink('https://trustlens.example/', buildShareState(huge, DEFAULT));
    expect(hugeLink.loadable).toBe(false);
    expect(shareWarnings(huge, DEFAULT, AT)[0]).toContain(`exceeds the ${MAX_FRAGMENT_CHARS} characters trustlens loads`);
  });
});

describe('shareLink', () => {
  it('says when the app would refuse the link', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 80; i++) deep = [deep];
    const claimsText = JSON.stringify({ sub: 'x', nested: deep });
    const crafted = (readTokenInput(claimsText) as { token: Token }).token;
    const deepInput = input({ tokenText: claimsText, token: crafted });
    expect(shareLink('https://trustlens.example/', buildShareState(deepInput, DEFAULT)).loadable).toBe(false);
    expect(shareWarnings(deepInput, DEFAULT, AT)).toEqual([
      "This link would not open in trustlens: This link's claims are nested deeper than 64 levels; nothing was loaded.",
    ]);
  });

  it('appends the fragment to the base URL, replacing any fragment it had', () => {
    const state = buildShareState(input(), DEFAULT);
    const link = shareLink('https://trustlens.example/app/?embed=1#example=old', state);
    expect(link.url).toBe(`https://trustlens.example/app/?embed=1${encodeShareFragment(state)}`);
    expect(link.length).toBe(link.url.length);
    expect(link.tooLong).toBe(false);
    expect(decodeFragment(new URL(link.url).hash)).toEqual({ kind: 'state', state });
  });

  it('flags links past 8192 characters', () => {
    const state = buildShareState(input(), DEFAULT);
    const fragmentLength = encodeShareFragment(state).length;
    expect(shareLink('h'.repeat(8192 - fragmentLength), state).tooLong).toBe(false);
    expect(shareLink('h'.repeat(8193 - fragmentLength), state).tooLong).toBe(true);
  });
});
