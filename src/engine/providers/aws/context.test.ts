import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRequestContext, contextFrom, contextLayout, keyPrefixOf, providerKindOf, PROVIDER_KEYS_SINCE } from './context';

const AFTER = PROVIDER_KEYS_SINCE + 86400 * 100;
const BEFORE = PROVIDER_KEYS_SINCE - 86400 * 100;
const build = (claims: Record<string, unknown>, at = AFTER, claimKeys: 'by-date' | '2026' | 'legacy' = 'by-date') => buildRequestContext(claims, { at, claimKeys });

describe('key prefix', () => {
  // UG id_roles_providers_oidc_user-id: "use the fully qualified URL of the OIDC provider with the subcontext key,
  // like server.example.com:sub"; path and trailing slash kept (EKS example; gene1wood gist, observed).
  it('is iss without https://, path and trailing slash kept', () => {
    expect(keyPrefixOf('https://gitlab.com')).toBe('gitlab.com');
    expect(keyPrefixOf('https://oidc.eks.us-east-1.amazonaws.com/id/ABC')).toBe('oidc.eks.us-east-1.amazonaws.com/id/ABC');
    expect(keyPrefixOf('https://auth-dev.mozilla.auth0.com/')).toBe('auth-dev.mozilla.auth0.com/');
    expect(keyPrefixOf('gitlab.com')).toBeNull();
    expect(keyPrefixOf('http://gitlab.example.com')).toBeNull();
    expect(keyPrefixOf(42)).toBeNull();
  });
  // SAR: GitHub keys for token.actions.githubusercontent.com[/${SubPath}], token.actions.${Domain}.ghe.com, github.com/enterprises/${EnterpriseName}.
  it('recognises the issuers that have their own tab', () => {
    expect(providerKindOf('token.actions.githubusercontent.com')).toBe('github');
    expect(providerKindOf('token.actions.githubusercontent.com/octo-enterprise')).toBe('github');
    expect(providerKindOf('token.actions.octocorp.ghe.com')).toBe('github');
    expect(providerKindOf('github.com/enterprises/octo')).toBe('github');
    expect(providerKindOf('gitlab.com')).toBe('gitlab.com');
    expect(providerKindOf('gitlab.example.com')).toBe('default');
    expect(providerKindOf('oidc.circleci.com/org/1234')).toBe('circleci');
    expect(providerKindOf('app.terraform.io')).toBe('default');
  });
});

describe('Default mapping (reference_policies_iam-condition-keys, Default tab)', () => {
  it('maps sub, aud, oaud, amr and email only', () => {
    const context = build({ iss: 'https://idp.example.com', sub: 'u1', aud: 'client', email: 'a@example.com', amr: ['pwd'], groups: ['x'] });
    expect([...context.entries.values()].map((entry) => entry.key).filter((key) => key.startsWith('idp.'))).toEqual([
      'idp.example.com:sub',
      'idp.example.com:aud',
      'idp.example.com:oaud',
      'idp.example.com:amr',
      'idp.example.com:email',
    ]);
    const groups = context.lookup('idp.example.com:groups');
    expect(groups).toEqual({ present: false, reason: 'absent: AWS does not expose claim groups for issuer idp.example.com' });
  });
  // "aud: azp; If no value is set for azp, the aud condition key maps to the aud claim"; oaud ← aud.
  it('reads :aud from azp when present, and the token aud only under :oaud', () => {
    const context = build({ iss: 'https://accounts.google.com', sub: 'u', aud: 'client-B', azp: 'client-A' });
    const aud = context.lookup('accounts.google.com:aud');
    const oaud = context.lookup('accounts.google.com:oaud');
    expect(aud.present && aud.entry.values).toEqual(['client-A']);
    expect(oaud.present && oaud.entry.values).toEqual(['client-B']);
  });
  // amr "is multivalued, meaning that you test it in a policy using condition set operators".
  it('amr is multivalued even with one value', () => {
    const amr = build({ iss: 'https://cognito-identity.amazonaws.com', sub: 's', aud: 'a', amr: ['unauthenticated'] }).lookup('cognito-identity.amazonaws.com:amr');
    expect(amr.present && amr.entry.multivalued).toBe(true);
  });
  // "Condition key names are not case-sensitive" (reference_policies_elements_condition).
  it('looks keys up case-insensitively', () => {
    const context = build({ iss: 'https://gitlab.example.com', sub: 's', aud: 'a' });
    expect(context.lookup('GITLAB.EXAMPLE.COM:SUB').present).toBe(true);
  });
  // GitLab doc 2026: for self-managed "currently only the sub claim is supported" beyond the Default keys.
  it('self-managed GitLab gets no gitlab.com keys', () => {
    const context = build({ iss: 'https://gitlab.example.com', sub: 's', aud: 'a', project_id: '20' });
    expect(context.lookup('gitlab.example.com:project_id')).toEqual({ present: false, reason: 'absent: AWS does not expose claim project_id for issuer gitlab.example.com' });
  });
});

describe('provider-specific keys (2026)', () => {
  const github = { iss: 'https://token.actions.githubusercontent.com', sub: 's', aud: 'sts.amazonaws.com', repository: 'o/r', repository_owner: 'o', environment: 'prod' };
  // UG GitHub tab; What's New 2026-01 "aws-sts-supports-validation-identity-provider-claims".
  it('GitHub keys exist after the cut-over, not before', () => {
    expect(build(github).lookup('token.actions.githubusercontent.com:repository').present).toBe(true);
    const before = build(github, BEFORE).lookup('token.actions.githubusercontent.com:repository');
    expect(before.present).toBe(false);
    expect(!before.present && before.reason).toMatch(/added the repository key for GitHub in 2026/);
  });
  it('the claimKeys option overrides the date', () => {
    expect(build(github, BEFORE, '2026').lookup('token.actions.githubusercontent.com:environment').present).toBe(true);
    expect(build(github, AFTER, 'legacy').lookup('token.actions.githubusercontent.com:environment').present).toBe(false);
  });
  // repository_owner (by name) is not in the GitHub tab.
  it('repository_owner stays absent', () => {
    const lookup = build(github).lookup('token.actions.githubusercontent.com:repository_owner');
    expect(lookup).toEqual({ present: false, reason: 'absent: AWS does not expose claim repository_owner for issuer token.actions.githubusercontent.com' });
  });
  // GitHub tab: "an environment must be configured and provided in the GitHub workflow".
  it('a job without environment has no :environment key', () => {
    const { environment: _omit, ...withoutEnvironment } = github;
    const lookup = build(withoutEnvironment).lookup('token.actions.githubusercontent.com:environment');
    expect(!lookup.present && lookup.reason).toBe('absent: the token has no environment claim');
  });
  // SAR gitlab.com keys; GitLab doc 2026 "available only for the gitlab.com OIDC ID provider".
  it('gitlab.com keys', () => {
    const context = build({ iss: 'https://gitlab.com', sub: 's', aud: 'a', project_id: '20', namespace_id: '72', ref: 'main' });
    expect(context.lookup('gitlab.com:project_id').present).toBe(true);
    expect(context.lookup('gitlab.com:namespace_id').present).toBe(true);
    expect(context.lookup('gitlab.com:ref').present).toBe(false);
  });
});

describe('global and session keys', () => {
  // aws:CurrentTime / aws:EpochTime are "always included" (reference_policies_condition-keys).
  it('time keys come from the evaluation instant', () => {
    const context = build({ iss: 'https://x.example.com', sub: 's', aud: 'a' }, 1700000010);
    const current = context.lookup('aws:CurrentTime');
    const epoch = context.lookup('aws:epochtime');
    expect(current.present && current.entry.values).toEqual(['2023-11-14T22:13:30Z']);
    expect(epoch.present && epoch.entry.values).toEqual(['1700000010']);
  });
  // id_session-tags: principal_tags become aws:RequestTag/<key>, tag keys aws:TagKeys.
  it('session tags from the token', () => {
    const context = build({ iss: 'https://xyz.com', sub: 's', aud: 'a', 'https://aws.amazon.com/tags': { principal_tags: { Department: ['Sales'], Project: ['X'] }, transitive_tag_keys: ['Project'] } });
    const tag = context.lookup('aws:RequestTag/department');
    expect(tag.present && tag.entry.values).toEqual(['Sales']);
    const keys = context.lookup('aws:TagKeys');
    expect(keys.present && keys.entry).toMatchObject({ values: ['Department', 'Project'], multivalued: true });
  });
  it('keys the token cannot tell are absent with a reason', () => {
    const lookup = build({ iss: 'https://x.example.com', sub: 's', aud: 'a' }).lookup('aws:SourceIp');
    expect(!lookup.present && lookup.reason).toMatch(/IP address is not part of the token/);
  });
  it('a key written with https:// is never populated', () => {
    const lookup = build({ iss: 'https://x.example.com', sub: 's', aud: 'a' }).lookup('https://x.example.com:sub');
    expect(!lookup.present && lookup.reason).toMatch(/https:\/\/ scheme/);
  });
});

describe('a context laid out for the keys a policy reads', () => {
  const KEYS = [
    'gitlab.com:sub', 'gitlab.com:aud', 'gitlab.com:oaud', 'gitlab.com:amr', 'gitlab.com:project_id', 'gitlab.com:user_email',
    'token.actions.githubusercontent.com:sub', 'token.actions.githubusercontent.com:repository', 'aws:currenttime', 'aws:epochtime',
    'aws:securetransport', 'aws:requesttag/team', 'aws:tagkeys', 'sts:transitivetagkeys', 'sts:sourceidentity',
  ];
  const claimValue = fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.boolean(), fc.array(fc.string({ maxLength: 4 }), { maxLength: 2 }), fc.constant(null), fc.constant({}));
  const claims = fc.record(
    {
      iss: fc.constantFrom('https://gitlab.com', 'https://token.actions.githubusercontent.com', 'https://idp.example.com', 'gitlab.com'),
      sub: claimValue, aud: claimValue, azp: claimValue, amr: claimValue, project_id: claimValue, repository: claimValue, user_email: claimValue,
      'https://aws.amazon.com/tags': fc.record({ principal_tags: fc.dictionary(fc.constantFrom('team', 'env'), fc.array(fc.string({ maxLength: 3 }), { minLength: 1, maxLength: 2 })), transitive_tag_keys: fc.array(fc.constantFrom('team', 'env'), { maxLength: 2 }) }, { requiredKeys: [] }),
      'https://aws.amazon.com/source_identity': fc.string({ maxLength: 4 }),
    },
    { requiredKeys: ['iss'] },
  );
  // The decision builds only the keys its policy reads; the explanation builds them all. Both must
  // hold the same entry, or the same absence, for every key the policy reads.
  it('holds exactly the full context’s entries for those keys', () => {
    fc.assert(
      fc.property(claims, fc.subarray(KEYS), fc.constantFrom(AFTER, BEFORE), (token, read, at) => {
        const wanted = new Set(read);
        const full = buildRequestContext(token, { at, claimKeys: 'by-date' });
        const laidOut = contextFrom(contextLayout(token.iss, at >= PROVIDER_KEYS_SINCE, wanted), token, at);
        for (const key of read) expect(laidOut.entries.get(key)).toEqual(full.entries.get(key));
        expect([...laidOut.entries.keys()].every((key) => wanted.has(key))).toBe(true);
        expect(laidOut.prefix).toBe(full.prefix);
      }),
      { numRuns: 400 },
    );
  });
});
