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
    const keys = await discoverIssuerKeys('https://gitlab.com/', fetch);
    expect(calls).toEqual(['https://gitlab.com/.well-known/openid-configuration', 'https://gitlab.com/oauth/discovery/keys']);
    expect(keys.keyCount).toBe(1);
    expect(JSON.parse(keys.jwksText)).toEqual(JWKS);
  });

  it('never fetches from an issuer outside the allow-list', async () => {
    const calls: string[] = [];
    await expect(discoverIssuerKeys('https://evil.example', fakeFetch({}, calls))).rejects.toThrow(/only fetched from/);
    expect(calls).toEqual([]);
  });

  it('refuses a jwks_uri that points elsewhere', async () => {
    const calls: string[] = [];
    const fetch = fakeFetch(
      { 'https://token.actions.githubusercontent.com/.well-known/openid-configuration': { jwks_uri: 'https://evil.example/keys' } },
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
