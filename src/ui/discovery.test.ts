import { describe, expect, it } from 'vitest';
import { discoverIssuerKeys, DiscoveryError, type FetchLike } from './discovery';

const JWKS = { keys: [{ kty: 'RSA', kid: 'k1', n: 'AQAB', e: 'AQAB' }] };

function fakeFetch(routes: Record<string, unknown>, calls: string[] = []): FetchLike {
  return async (url) => {
    calls.push(url);
    if (!(url in routes)) return new Response('not found', { status: 404 });
    return new Response(JSON.stringify(routes[url]), { status: 200, headers: { 'content-type': 'application/json' } });
  };
}

describe('discoverIssuerKeys', () => {
  // OpenID Connect Discovery 1.0 §4: the configuration lives at {issuer}/.well-known/openid-configuration
  // and names the JWKS in `jwks_uri`.
  it('follows the OpenID configuration to the JWKS', async () => {
    const calls: string[] = [];
    const fetch = fakeFetch(
      {
        'https://gitlab.com/.well-known/openid-configuration': { issuer: 'https://gitlab.com', jwks_uri: 'https://gitlab.com/oauth/discovery/keys' },
        'https://gitlab.com/oauth/discovery/keys': JWKS,
      },
      calls,
    );
    const keys = await discoverIssuerKeys('https://gitlab.com', fetch);
    expect(calls).toEqual(['https://gitlab.com/.well-known/openid-configuration', 'https://gitlab.com/oauth/discovery/keys']);
    expect(keys.keyCount).toBe(1);
    expect(JSON.parse(keys.jwksText)).toEqual(JWKS);
    expect(keys.source).toBe('keys of the issuer https://gitlab.com, fetched from https://gitlab.com/oauth/discovery/keys');
  });

  // OpenID Connect Discovery 1.0 §2: an issuer is an https URL "with no query or fragment components".
  it('refuses an iss with a query or fragment before fetching anything (a raw file on an allowed host)', async () => {
    const calls: string[] = [];
    const attacker = 'https://gitlab.com/attacker/proj/-/raw/main/oidc?x=';
    const fetch = fakeFetch(
      {
        [`${attacker}/.well-known/openid-configuration`]: { issuer: attacker, jwks_uri: 'https://gitlab.com/attacker/proj/-/raw/main/jwks' },
        'https://gitlab.com/attacker/proj/-/raw/main/jwks': JWKS,
      },
      calls,
    );
    await expect(discoverIssuerKeys(attacker, fetch)).rejects.toThrow(/query or fragment/);
    await expect(discoverIssuerKeys('https://gitlab.com/x#frag', fetch)).rejects.toThrow(/query or fragment/);
    await expect(discoverIssuerKeys('http://gitlab.com', fetch)).rejects.toThrow(/not an https URL/);
    expect(calls).toEqual([]);
  });

  it('fetches only for allow-listed issuers, not for any path on an allow-listed host', async () => {
    const calls: string[] = [];
    await expect(discoverIssuerKeys('https://gitlab.com/attacker/proj/-/raw/main/oidc', fakeFetch({}, calls))).rejects.toThrow(/only fetched for the issuers/);
    expect(calls).toEqual([]);
  });

  // OpenID Connect Discovery 1.0 §4.3: the configuration's issuer MUST be identical to the issuer used to find it.
  it('refuses a configuration whose issuer is not exactly the token iss', async () => {
    const fetch = fakeFetch({
      'https://gitlab.com/.well-known/openid-configuration': { issuer: 'https://gitlab.com/', jwks_uri: 'https://gitlab.com/oauth/discovery/keys' },
      'https://gitlab.com/oauth/discovery/keys': JWKS,
    });
    await expect(discoverIssuerKeys('https://gitlab.com', fetch)).rejects.toThrow(/must be identical/);
    const missing = fakeFetch({ 'https://gitlab.com/.well-known/openid-configuration': { jwks_uri: 'https://gitlab.com/oauth/discovery/keys' } });
    await expect(discoverIssuerKeys('https://gitlab.com', missing)).rejects.toThrow(/must be identical/);
  });

  it("accepts a GitHub enterprise issuer and refuses a jwks_uri off the issuer's origin", async () => {
    const issuer = 'https://token.actions.githubusercontent.com/octo-enterprise';
    const ok = fakeFetch({
      [`${issuer}/.well-known/openid-configuration`]: { issuer, jwks_uri: `${issuer}/.well-known/jwks` },
      [`${issuer}/.well-known/jwks`]: JWKS,
    });
    expect((await discoverIssuerKeys(issuer, ok)).keyCount).toBe(1);
    const elsewhere = fakeFetch({ 'https://gitlab.com/.well-known/openid-configuration': { issuer: 'https://gitlab.com', jwks_uri: 'https://token.actions.githubusercontent.com/.well-known/jwks' } });
    await expect(discoverIssuerKeys('https://gitlab.com', elsewhere)).rejects.toThrow(/issuer's own origin/);
  });

  it('never fetches from an issuer outside the allow-list', async () => {
    const calls: string[] = [];
    await expect(discoverIssuerKeys('https://evil.example', fakeFetch({}, calls))).rejects.toThrow(/only fetched for the issuers/);
    expect(calls).toEqual([]);
  });

  it('refuses a jwks_uri that points elsewhere', async () => {
    const calls: string[] = [];
    const fetch = fakeFetch(
      { 'https://token.actions.githubusercontent.com/.well-known/openid-configuration': { issuer: 'https://token.actions.githubusercontent.com', jwks_uri: 'https://evil.example/keys' } },
      calls,
    );
    await expect(discoverIssuerKeys('https://token.actions.githubusercontent.com', fetch)).rejects.toBeInstanceOf(DiscoveryError);
    expect(calls).toHaveLength(1);
  });

  it('explains HTTP failures, non-JSON answers and a missing iss', async () => {
    await expect(discoverIssuerKeys('https://gitlab.com', fakeFetch({}))).rejects.toThrow(/HTTP 404/);
    await expect(discoverIssuerKeys(undefined, fakeFetch({}))).rejects.toThrow(/no "iss"/);
    const notJson: FetchLike = async () => new Response('<html>', { status: 200 });
    await expect(discoverIssuerKeys('https://gitlab.com', notJson)).rejects.toThrow(/not JSON/);
    const offline: FetchLike = async () => {
      throw new TypeError('Failed to fetch');
    };
    await expect(discoverIssuerKeys('https://gitlab.com', offline)).rejects.toThrow(/Failed to fetch/);
  });
});

describe('discoverIssuerKeys property', () => {
  it('never fetches for an iss that is not a bare https issuer on the allow-list', async () => {
    const fc = (await import('fast-check')).default;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('https://gitlab.com', 'https://token.actions.githubusercontent.com', 'http://gitlab.com', 'https://gitlab.com.evil.example'),
        fc.constantFrom('?', '#', '/attacker/proj/-/raw/main/oidc', '?x=', '#/', '/../x?y'),
        fc.string(),
        async (base, suffix, tail) => {
          const calls: string[] = [];
          await discoverIssuerKeys(`${base}${suffix}${tail}`, fakeFetch({}, calls)).catch(() => undefined);
          expect(calls).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });
});
