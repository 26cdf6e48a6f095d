import { describe, expect, it } from 'vitest';
import { evaluateAws, githubPolicy, githubToken } from '../../../../test/support/aws';

const withProvider = (url: string, clientIds: string[], policy: unknown = githubPolicy()) => ({ TrustPolicy: policy, OpenIDConnectProvider: { Url: url, ClientIDList: clientIds, ThumbprintList: [] } });
const AT = 1780000010;

describe('IAM OIDC provider lookup', () => {
  // aws-actions/configure-aws-credentials#721, #280: "No OpenIDConnect provider found in your account for <iss>".
  it('no provider for iss', () => {
    const result = evaluateAws(withProvider('gitlab.com', ['https://gitlab.com']), githubToken(), AT);
    expect(result.decision).toBe('deny');
    expect(result.message).toBe('InvalidIdentityToken: No OpenIDConnect provider found in your account for https://token.actions.githubusercontent.com');
    expect(result.checks.find((c) => c.decisive)?.id).toBe('sts.provider');
  });
  // mozilla-iam/mozilla-aws-cli#127: the trailing slash is part of the provider URL.
  it('keeps the trailing slash', () => {
    const claims = { iss: 'https://auth.mozilla.auth0.com/', aud: 'x', sub: 'u', exp: AT + 100 };
    const result = evaluateAws(withProvider('auth.mozilla.auth0.com', ['x']), claims, AT);
    expect(result.message).toBe('InvalidIdentityToken: No OpenIDConnect provider found in your account for https://auth.mozilla.auth0.com/');
  });
  // id_roles_providers_create_oidc: provider URLs "must begin with https://".
  it('an issuer that is not https can have no provider', () => {
    const result = evaluateAws(githubPolicy(), githubToken({ iss: 'gitlab.com' }), AT);
    expect(result.message).toBe('InvalidIdentityToken: No OpenIDConnect provider found in your account for gitlab.com');
  });
  it('matches a provider Url with or without scheme', () => {
    expect(evaluateAws(withProvider('https://token.actions.githubusercontent.com', ['sts.amazonaws.com']), githubToken(), AT).decision).toBe('allow');
    expect(evaluateAws(withProvider('token.actions.githubusercontent.com', ['sts.amazonaws.com']), githubToken(), AT).decision).toBe('allow');
  });
  it('is skipped with a note when no provider is given', () => {
    const check = evaluateAws(githubPolicy(), githubToken(), AT).checks.find((c) => c.id === 'sts.provider');
    expect(check?.result).toBe('skip');
    expect(check?.reason).toContain('OpenIDConnectProvider');
  });
});

describe('audience', () => {
  // configure-aws-credentials#1309, #317: "Incorrect token audience".
  it('aud must be one of the client IDs', () => {
    const result = evaluateAws(withProvider('token.actions.githubusercontent.com', ['sts.amazonaws.com']), githubToken({ aud: 'https://github.com/octo-org' }), AT);
    expect(result.decision).toBe('deny');
    expect(result.message).toBe('InvalidIdentityToken: Incorrect token audience');
    expect(result.checks.find((c) => c.decisive)?.id).toBe('sts.audience');
  });
  it('any entry of an aud list may match', () => {
    expect(evaluateAws(withProvider('token.actions.githubusercontent.com', ['sts.amazonaws.com']), githubToken({ aud: ['other', 'sts.amazonaws.com'] }), AT).decision).toBe('allow');
  });
  // Default tab: the audience AWS reads is azp when present (inferred for the provider check).
  it('compares azp when present', () => {
    const claims = { iss: 'https://idp.example.com', aud: 'client-B', azp: 'client-A', sub: 'u1', exp: AT + 100 };
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/idp.example.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }] };
    expect(evaluateAws(withProvider('idp.example.com', ['client-B'], policy), claims, AT).message).toBe('InvalidIdentityToken: Incorrect token audience');
    expect(evaluateAws(withProvider('idp.example.com', ['client-A'], policy), claims, AT).decision).toBe('allow');
  });
});

describe('required claims', () => {
  // gitlab-org/gitlab!71657: "InvalidIdentityToken … Missing a required claim: aud"; configure-aws-credentials#502 for sub.
  it('aud and sub', () => {
    const { aud: _aud, ...noAud } = githubToken();
    expect(evaluateAws(githubPolicy(), noAud, AT).message).toBe('InvalidIdentityToken: Missing a required claim: aud');
    const { sub: _sub, ...noSub } = githubToken();
    expect(evaluateAws(githubPolicy(), noSub, AT).message).toBe('InvalidIdentityToken: Missing a required claim: sub');
  });
});

describe('expiry (id_roles_providers_oidc: five-minute window beyond exp)', () => {
  const exp = 1780000300;
  it('within exp, and within five minutes past it, the token is accepted', () => {
    expect(evaluateAws(githubPolicy(), githubToken(), exp).decision).toBe('allow');
    const late = evaluateAws(githubPolicy(), githubToken(), exp + 300);
    expect(late.decision).toBe('allow');
    expect(late.checks.find((c) => c.id === 'token.exp')?.reason).toContain('five minutes of clock skew');
  });
  // aws/aws-sdk-java-v2#5709: "Token expired: current date/time … must be before the expiration date/time …".
  it('beyond the window it is ExpiredToken', () => {
    const result = evaluateAws(githubPolicy(), githubToken(), exp + 301);
    expect(result.decision).toBe('deny');
    expect(result.message).toBe(`ExpiredTokenException: Token expired: current date/time ${exp + 301} must be before the expiration date/time ${exp}`);
    expect(result.checks.find((c) => c.decisive)?.id).toBe('token.exp');
  });
  it('a token without a numeric exp is refused', () => {
    expect(evaluateAws(githubPolicy(), githubToken({ exp: undefined }), AT).message).toBe('InvalidIdentityToken: Missing a required claim: exp');
  });
});
