/**
 * The planned trust policy, through both faces, where the decision takes shortcuts the explanation
 * does not: a later Deny still overrides an Allow already found (reference_policies_evaluation-logic:
 * "an explicit deny in any policy overrides any allows"), STS stops at the first action the policy
 * does not allow (id_session-tags: session tags need sts:TagSession), and a document IAM refuses is
 * refused before any token is read (reference_policies_grammar).
 */
import { describe, expect, it } from 'vitest';
import { githubPolicy, githubToken, GITHUB_PROVIDER } from '../../../../test/support/aws';
import { parseInstant } from '../../time';
import { claimsToken, type Claims } from '../../token';
import { SIGNATURE_NOT_CHECKED } from '../../verify';
import { provider } from './index';

const AT = parseInstant('2026-05-28T20:26:50Z')!;
const DENIED = 'AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity';

function planOf(document: unknown) {
  const parsed = provider.parse(JSON.stringify(document, null, 2));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return provider.plan(parsed.policy);
}

function both(document: unknown, claims: Claims, options: Record<string, string> = {}) {
  const plan = planOf(document);
  const token = claimsToken(claims);
  return { quick: plan.decide(token, AT, options), full: plan.explain(token, { at: AT, signature: SIGNATURE_NOT_CHECKED, options }) };
}

describe('the AWS plan', () => {
  it('lets a Deny after an applying Allow decide', () => {
    const document = {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Deploy', Effect: 'Allow', Principal: { Federated: GITHUB_PROVIDER }, Action: 'sts:AssumeRoleWithWebIdentity' },
        { Sid: 'NoMain', Effect: 'Deny', Principal: '*', Action: 'sts:*', Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': '*:ref:refs/heads/main' } } },
      ],
    };
    const { quick, full } = both(document, githubToken());
    expect(quick).toEqual({ decision: 'deny', message: DENIED });
    expect(full.checks.find((check) => check.decisive)?.id).toBe('statement[1]');
    expect(full.details.denial).toBe('explicit Deny for sts:AssumeRoleWithWebIdentity');
    // On another branch the Deny does not apply and the first Allow names the statement.
    expect(both(document, githubToken({ sub: 'repo:octo-org/octo-repo:ref:refs/heads/dev' })).quick).toEqual({ decision: 'allow', message: 'AssumeRoleWithWebIdentity allowed by statement 0 (Sid Deploy)' });
  });

  it('stops at the first action the policy does not allow', () => {
    const claims = githubToken({ 'https://aws.amazon.com/tags': { principal_tags: { Department: ['Sales'] } }, 'https://aws.amazon.com/source_identity': 'Diego' });
    const { quick, full } = both(githubPolicy(), claims);
    expect(quick).toEqual({ decision: 'deny', message: `${DENIED} (the token's session tags also need sts:TagSession, which no statement allows)` });
    expect(full.details.actions).toEqual([
      { action: 'sts:AssumeRoleWithWebIdentity', decision: 'allow' },
      { action: 'sts:TagSession', decision: 'implicit-deny' },
    ]);
    const all = githubPolicy(undefined, { Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession', 'sts:SetSourceIdentity'] });
    expect(both(all, claims).quick).toEqual({ decision: 'allow', message: 'AssumeRoleWithWebIdentity allowed by statement 0, with sts:TagSession and sts:SetSourceIdentity' });
  });

  it('refuses a document IAM would not hold, whatever the token', () => {
    const document = githubPolicy(undefined, { Resource: '*' });
    for (const claims of [githubToken(), {}]) {
      const { quick, full } = both(document, claims);
      expect(quick.decision).toBe('error');
      expect(quick.message).toMatch(/^MalformedPolicyDocument: Has prohibited field Resource\./);
      expect(full.message).toBe(quick.message);
      expect(full.details.errorSource).toBeDefined();
    }
  });

  it('reads a provider-specific key only from the instant AWS populates it', () => {
    const document = githubPolicy({ StringEquals: { 'token.actions.githubusercontent.com:actor': 'octocat' } });
    expect(both(document, githubToken()).quick.decision).toBe('allow');
    const legacy = both(document, githubToken(), { claimKeys: 'legacy' });
    expect(legacy.quick).toEqual({ decision: 'deny', message: DENIED });
    expect(legacy.full.checks.find((check) => check.decisive)?.reason).toMatch(/in 2026/);
  });
});
