import { SignJWT, exportJWK, exportSPKI, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { keyMaterialFrom, verifySignature } from './verify';

const claims = { iss: 'https://gitlab.com', sub: 'project_path:g/p:ref_type:branch:ref:main' };

async function signed(kid: string) {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwt = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).sign(privateKey);
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { jwt, jwk, pem: await exportSPKI(publicKey) };
}

describe('verifySignature', () => {
  it('selects the key by kid from a pasted JWKS and says which key verified', async () => {
    const a = await signed('key-a');
    const b = await signed('key-b');
    const jwks = JSON.stringify({ keys: [a.jwk, b.jwk] });
    const status = await verifySignature(b.jwt, keyMaterialFrom(jwks, 'pasted JWKS'));
    expect(status).toEqual({ state: 'verified', kid: 'key-b', alg: 'RS256', keySource: 'pasted JWKS' });
  });

  it('fails when no key in the JWKS has the token kid', async () => {
    const a = await signed('key-a');
    const b = await signed('key-b');
    const status = await verifySignature(b.jwt, keyMaterialFrom(JSON.stringify({ keys: [a.jwk] }), 'pasted JWKS'));
    expect(status.state).toBe('invalid');
    if (status.state === 'invalid') expect(status.reason).toContain("no key in the JWKS matches the token's kid");
  });

  it('verifies against a single JWK and a PEM public key', async () => {
    const a = await signed('key-a');
    expect((await verifySignature(a.jwt, keyMaterialFrom(JSON.stringify(a.jwk), 'JWK'))).state).toBe('verified');
    expect((await verifySignature(a.jwt, keyMaterialFrom(a.pem, 'PEM'))).state).toBe('verified');
  });

  // RFC 7515 §4.1.4: kid names the key the token was signed with. The right key material under
  // another kid is still not the key the token names, so it is reported, not "verified".
  it('reports a pasted single JWK whose kid differs from the token kid', async () => {
    const a = await signed('key-a');
    const status = await verifySignature(a.jwt, keyMaterialFrom(JSON.stringify({ ...a.jwk, kid: 'key-z' }), 'pasted key'));
    expect(status).toEqual({ state: 'invalid', reason: `the pasted key's kid "key-z" is not the token's kid "key-a"`, keySource: 'pasted key' });
    const { kid: _omitted, ...withoutKid } = a.jwk;
    expect((await verifySignature(a.jwt, keyMaterialFrom(JSON.stringify(withoutKid), 'pasted key'))).state).toBe('verified');
  });

  it('rejects a token whose payload was altered after signing', async () => {
    const a = await signed('key-a');
    const [header, , signature] = a.jwt.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: 'project_path:evil/p:ref_type:branch:ref:main' })).toString('base64url')}.${signature}`;
    const status = await verifySignature(forged, keyMaterialFrom(JSON.stringify({ keys: [a.jwk] }), 'JWKS'));
    expect(status.state).toBe('invalid');
  });

  it('skips crafted claims (no compact token) and refuses alg none', async () => {
    expect((await verifySignature(null, keyMaterialFrom('{"keys":[]}', 'x'))).state).toBe('skipped');
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.`;
    expect((await verifySignature(none, keyMaterialFrom('{"keys":[]}', 'x'))).state).toBe('invalid');
  });
});
