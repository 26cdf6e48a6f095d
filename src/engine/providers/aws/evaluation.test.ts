import { describe, expect, it } from 'vitest';
import { evaluateAws, githubPolicy, githubToken, GITHUB_PROVIDER } from '../../../../test/support/aws';

const DENIED = 'AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity';
const SUB = 'token.actions.githubusercontent.com:sub';
const ENV = 'token.actions.githubusercontent.com:environment';
const MAIN = 'repo:octo-org/octo-repo:ref:refs/heads/main';

type Row = [name: string, condition: Record<string, unknown>, decision: 'allow' | 'deny', claims?: Record<string, unknown>];

const OPS = 'reference_policies_elements_condition_operators';
const LOGIC = 'reference_policies_condition-logic-multiple-context-keys-or-values';
const SETS = 'reference_policies_condition-single-vs-multi-valued-context-keys';

/** Each row cites its source page (UG = AWS IAM User Guide) in its name. */
const CONDITION_ROWS: Row[] = [
  [`${OPS}: StringEquals exact match`, { StringEquals: { [SUB]: MAIN } }, 'allow'],
  [`${OPS}: StringEquals case-sensitive`, { StringEquals: { [SUB]: MAIN.toUpperCase() } }, 'deny'],
  [`${OPS}: StringEquals treats * literally`, { StringEquals: { [SUB]: 'repo:octo-org/*' } }, 'deny'],
  [`${OPS}: StringEqualsIgnoreCase`, { StringEqualsIgnoreCase: { [SUB]: MAIN.toUpperCase() } }, 'allow'],
  [`${OPS}: StringNotEqualsIgnoreCase excludes regardless of case`, { StringNotEqualsIgnoreCase: { [SUB]: MAIN.toUpperCase() } }, 'deny'],
  [`${OPS}: StringLike * crosses / and :`, { StringLike: { [SUB]: 'repo:octo-org/*' } }, 'allow'],
  [`${OPS}: StringLike ? one character`, { StringLike: { [SUB]: 'repo:octo-org/octo-repo:ref:refs/heads/mai?' } }, 'allow'],
  [`${OPS}: StringLike ? not zero characters`, { StringLike: { [SUB]: `${MAIN}?` } }, 'deny'],
  [`${OPS}: StringNotLike excluding another org admits this one`, { StringNotLike: { [SUB]: 'repo:evil-org/*' } }, 'allow'],
  [`${OPS}: StringNotLike excluding this org`, { StringNotLike: { [SUB]: 'repo:octo-org/*' } }, 'deny'],
  [`${OPS}: missing key is false for StringEquals`, { StringEquals: { [ENV]: 'prod' } }, 'deny'],
  [`${OPS}: missing key is false for StringLike`, { StringLike: { [ENV]: '*' } }, 'deny'],
  [`${OPS}: missing key is true for StringNotEquals`, { StringNotEquals: { [ENV]: 'sandbox' } }, 'allow'],
  [`${OPS}: missing key is true for StringNotLike`, { StringNotLike: { [ENV]: 'sand*' } }, 'allow'],
  [`${OPS}: …IfExists on a missing key is true`, { StringEqualsIfExists: { [ENV]: 'prod' } }, 'allow'],
  [`${OPS}: …IfExists on a present key compares`, { StringEqualsIfExists: { [ENV]: 'prod' } }, 'deny', { environment: 'staging' }],
  [`${OPS}: …IfExists on a present matching key`, { StringEqualsIfExists: { [ENV]: 'prod' } }, 'allow', { environment: 'prod' }],
  [`${OPS}: Null true on a missing key`, { Null: { [ENV]: 'true' } }, 'allow'],
  [`${OPS}: Null true on a present key`, { Null: { [ENV]: 'true' } }, 'deny', { environment: 'prod' }],
  [`${OPS}: Null false on a present key`, { Null: { [SUB]: 'false' } }, 'allow'],
  [`${OPS}: Null false on a missing key`, { Null: { [ENV]: 'false' } }, 'deny'],
  [`${SETS}: ForAllValues on a missing key is true`, { 'ForAllValues:StringEquals': { [ENV]: 'prod' } }, 'allow'],
  [`${SETS}: ForAnyValue on a missing key is false`, { 'ForAnyValue:StringEquals': { [ENV]: 'prod' } }, 'deny'],
  [`${SETS}: ForAllValues on a present single value compares it`, { 'ForAllValues:StringEquals': { [SUB]: ['x', MAIN] } }, 'allow'],
  [`${SETS}: ForAllValues:StringLike legacy template denies an environment job (configure-aws-credentials#452)`, { 'ForAllValues:StringLike': { [SUB]: 'repo:octo-org/*:ref:refs/heads/*' } }, 'deny', { sub: 'repo:octo-org/octo-repo:environment:prod' }],
  [`${SETS}: ForAnyValue:StringNotEquals on a missing key is false`, { 'ForAnyValue:StringNotEquals': { [ENV]: 'prod' } }, 'deny'],
  [`${LOGIC}: values are ORed`, { StringEquals: { [SUB]: ['repo:a/b:ref:refs/heads/main', MAIN] } }, 'allow'],
  [`${LOGIC}: negated values are NORed`, { StringNotEquals: { [SUB]: ['repo:a/b:ref:refs/heads/main', MAIN] } }, 'deny'],
  [`${LOGIC}: negated values all different`, { StringNotEquals: { [SUB]: ['repo:a/b:ref:refs/heads/main', 'repo:c/d:pull_request'] } }, 'allow'],
  [`${LOGIC}: keys are ANDed`, { StringEquals: { [SUB]: MAIN, 'token.actions.githubusercontent.com:aud': 'other' } }, 'deny'],
  [`${LOGIC}: operators are ANDed`, { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { [SUB]: 'repo:other/*' } }, 'deny'],
  [`reference_policies_elements_condition: key names are case-insensitive`, { StringEquals: { 'TOKEN.ACTIONS.GITHUBUSERCONTENT.COM:SUB': MAIN } }, 'allow'],
  [`UG GitHub tab: repository key (2026)`, { StringEquals: { 'token.actions.githubusercontent.com:repository_id': '74' } }, 'allow'],
  [`UG GitHub tab: repository_owner is not a key`, { StringEquals: { 'token.actions.githubusercontent.com:repository_owner': 'octo-org' } }, 'deny'],
  [`configure-aws-credentials#672: :iss under ForAllValues passes only because it is absent`, { 'ForAllValues:StringEquals': { 'token.actions.githubusercontent.com:iss': 'https://elsewhere' } }, 'allow'],
  [`configure-aws-credentials#672: the same :iss under StringEquals denies`, { StringEquals: { 'token.actions.githubusercontent.com:iss': 'https://token.actions.githubusercontent.com' } }, 'deny'],
  [`Young-ook/terraform-aws-eks#139: a key with https:// is never populated`, { StringEquals: { 'https://token.actions.githubusercontent.com:sub': MAIN } }, 'deny'],
  [`${OPS}: DateGreaterThan on aws:CurrentTime`, { DateGreaterThan: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } }, 'allow'],
  [`${OPS}: DateLessThan on aws:CurrentTime`, { DateLessThan: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } }, 'deny'],
  [`${OPS}: NumericLessThan on aws:EpochTime`, { NumericLessThan: { 'aws:EpochTime': '1780000011' } }, 'allow'],
  [`${OPS}: Bool aws:SecureTransport`, { Bool: { 'aws:SecureTransport': 'true' } }, 'allow'],
  [`${OPS}: Bool aws:SecureTransport false`, { Bool: { 'aws:SecureTransport': false } }, 'deny'],
  [`${OPS}: IpAddress on aws:SourceIp (unknown, absent) is false`, { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, 'deny'],
  [`${OPS}: NotIpAddress on an absent aws:SourceIp is true`, { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, 'allow'],
  [`${SETS}: plain operator on a multivalued key is false (Access Analyzer "Missing qualifier")`, { StringEquals: { 'token.actions.githubusercontent.com:aud': 'a' } }, 'deny', { aud: ['a', 'b'] }],
  [`${SETS}: ForAnyValue on a multivalued key`, { 'ForAnyValue:StringEquals': { 'token.actions.githubusercontent.com:aud': 'b' } }, 'allow', { aud: ['a', 'b'] }],
  [`${SETS}: ForAllValues on a multivalued key needs every value`, { 'ForAllValues:StringEquals': { 'token.actions.githubusercontent.com:aud': 'b' } }, 'deny', { aud: ['a', 'b'] }],
  [`${SETS}: ForAllValues:StringNotEquals — every value must avoid the list`, { 'ForAllValues:StringNotEquals': { 'token.actions.githubusercontent.com:aud': 'c' } }, 'allow', { aud: ['a', 'b'] }],
];

describe('condition semantics', () => {
  for (const [name, condition, decision, claims] of CONDITION_ROWS) {
    it(name, () => {
      const result = evaluateAws(githubPolicy(condition), githubToken(claims));
      expect(result.decision, result.message).toBe(decision);
      if (decision === 'deny') expect(result.message).toBe(DENIED);
    });
  }
});

describe('policy variables (reference_policies_variables)', () => {
  const variable = (version: string | null, value: string, claims: Record<string, unknown> = {}) =>
    evaluateAws(githubPolicy({ StringEquals: { [SUB]: value } }, {}, version), githubToken(claims));
  it('substitutes a single-valued key under 2012-10-17', () => {
    expect(variable('2012-10-17', 'repo:${token.actions.githubusercontent.com:repository}:ref:refs/heads/main').decision).toBe('allow');
  });
  it('keeps variables literal without Version or with 2008-10-17', () => {
    expect(variable(null, 'repo:${token.actions.githubusercontent.com:repository}:ref:refs/heads/main').decision).toBe('deny');
    expect(variable('2008-10-17', 'repo:${token.actions.githubusercontent.com:repository}:ref:refs/heads/main').decision).toBe('deny');
    expect(variable(null, 'repo:${x}', { sub: 'repo:${x}' }).decision).toBe('allow');
  });
  it('a variable without value does not match; a default fills in', () => {
    expect(variable('2012-10-17', 'repo:${token.actions.githubusercontent.com:environment}').decision).toBe('deny');
    expect(variable('2012-10-17', "repo:octo-org/octo-repo:${token.actions.githubusercontent.com:environment, 'ref'}:refs/heads/main").decision).toBe('allow');
  });
  it('${*} is a literal asterisk, even under StringLike', () => {
    const policy = githubPolicy({ StringLike: { [SUB]: 'repo:octo-org/${*}' } });
    expect(evaluateAws(policy, githubToken()).decision).toBe('deny');
    expect(evaluateAws(policy, githubToken({ sub: 'repo:octo-org/*' })).decision).toBe('allow');
  });
  it('explains the substitution', () => {
    const result = variable('2012-10-17', 'repo:${token.actions.githubusercontent.com:repository}:ref:refs/heads/main');
    const check = result.checks.find((c) => c.id === `statement[0].condition.StringEquals.${SUB}`);
    expect(check?.reason).toContain('resolves to repo:octo-org/octo-repo:ref:refs/heads/main');
  });
});

describe('statements (reference_policies_evaluation-logic)', () => {
  const allowAll = { Effect: 'Allow', Principal: { Federated: GITHUB_PROVIDER }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringLike: { [SUB]: 'repo:octo-org/*' } } };
  it('an explicit Deny wins over an Allow', () => {
    const result = evaluateAws({ Version: '2012-10-17', Statement: [allowAll, { ...allowAll, Effect: 'Deny', Condition: { StringEquals: { [SUB]: MAIN } } }] }, githubToken());
    expect(result.decision).toBe('deny');
    expect(result.message).toBe(DENIED);
    expect(result.checks.find((c) => c.decisive)?.id).toBe('statement[1]');
  });
  it('a Deny whose condition is false does not apply', () => {
    const result = evaluateAws({ Version: '2012-10-17', Statement: [allowAll, { ...allowAll, Effect: 'Deny', Condition: { StringEquals: { [SUB]: 'repo:x/y:pull_request' } } }] }, githubToken());
    expect(result.decision).toBe('allow');
    expect(result.details.matchedStatements).toEqual([{ action: 'sts:AssumeRoleWithWebIdentity', index: 0, sid: null, effect: 'Allow' }]);
  });
  it('only Deny statements give an implicit deny', () => {
    expect(evaluateAws({ Version: '2012-10-17', Statement: { ...allowAll, Effect: 'Deny', Condition: { StringEquals: { [SUB]: 'x' } } } }, githubToken()).decision).toBe('deny');
  });
  // reference_policies_elements_action: case-insensitive, wildcards anywhere.
  it('Action matching is case-insensitive and takes wildcards', () => {
    for (const action of ['STS:assumerolewithwebidentity', 'sts:*', '*', 'sts:AssumeRole*', ['sts:TagSession', 'sts:AssumeRoleWithWebIdentity']]) {
      expect(evaluateAws(githubPolicy(undefined, { Action: action }), githubToken()).decision, JSON.stringify(action)).toBe('allow');
    }
    expect(evaluateAws(githubPolicy(undefined, { Action: 'sts:AssumeRole' }), githubToken()).decision).toBe('deny');
  });
  it('NotAction covers every action it does not name', () => {
    expect(evaluateAws(githubPolicy(undefined, { Action: undefined, NotAction: 'sts:AssumeRole' }), githubToken()).decision).toBe('allow');
    expect(evaluateAws(githubPolicy(undefined, { Action: undefined, NotAction: 'sts:*' }), githubToken()).decision).toBe('deny');
  });
  // reference_policies_elements_principal: exact, no partial wildcards; several principals are ORed.
  it('Principal Federated must name the token provider exactly', () => {
    const other = { Federated: 'arn:aws:iam::111122223333:oidc-provider/gitlab.com' };
    expect(evaluateAws(githubPolicy(undefined, { Principal: other }), githubToken()).decision).toBe('deny');
    expect(evaluateAws(githubPolicy(undefined, { Principal: { Federated: [other.Federated, GITHUB_PROVIDER] } }), githubToken()).decision).toBe('allow');
    expect(evaluateAws(githubPolicy(undefined, { Principal: { Federated: GITHUB_PROVIDER.replace('token.actions', 'TOKEN.actions') } }), githubToken()).decision).toBe('deny');
    expect(evaluateAws(githubPolicy(undefined, { Principal: { AWS: 'arn:aws:iam::111122223333:root' } }), githubToken()).decision).toBe('deny');
  });
  it('the principal check explains a provider mismatch', () => {
    const result = evaluateAws(githubPolicy(undefined, { Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/gitlab.com' } }), githubToken());
    const decisive = result.checks.find((c) => c.decisive);
    expect(decisive?.id).toBe('statement[0].principal');
    expect(decisive?.reason).toContain('principal matching is exact');
  });
  // Built-in providers use a bare domain (reference_policies_elements_principal, web identity session principals).
  it('Cognito bare-domain principal with ForAnyValue on amr', () => {
    const policy = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-2:pool' }, 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'unauthenticated' } } }],
    };
    const token = { iss: 'https://cognito-identity.amazonaws.com', aud: 'us-east-2:pool', sub: 'us-east-2:abc', exp: 1780000300 };
    expect(evaluateAws(policy, { ...token, amr: ['unauthenticated'] }).decision).toBe('allow');
    expect(evaluateAws(policy, { ...token, amr: ['authenticated', 'graph.facebook.com'] }).decision).toBe('deny');
  });
  // id_roles_providers_oidc_secure-by-default: HCP Terraform is enforced at request time.
  it('HCP Terraform without an app.terraform.io:sub condition is denied', () => {
    const policy = (condition: Record<string, unknown>) => ({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/app.terraform.io' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: condition }],
    });
    const token = { iss: 'https://app.terraform.io', aud: 'aws.workload.identity', sub: 'organization:o:project:p:workspace:w:run_phase:apply', exp: 1780000300 };
    expect(evaluateAws(policy({ StringEquals: { 'app.terraform.io:aud': 'aws.workload.identity' } }), token).decision).toBe('deny');
    expect(evaluateAws(policy({ StringLike: { 'app.terraform.io:sub': 'organization:o:*' } }), token).decision).toBe('allow');
  });
});

describe('session tags and source identity (id_session-tags; id_credentials_temp_control-access_monitor)', () => {
  const tags = { 'https://aws.amazon.com/tags': { principal_tags: { Department: ['Sales'] }, transitive_tag_keys: ['Department'] } };
  it('tags in the token also need sts:TagSession', () => {
    const result = evaluateAws(githubPolicy(), githubToken(tags));
    expect(result.decision).toBe('deny');
    expect(result.message).toContain('Not authorized to perform sts:AssumeRoleWithWebIdentity');
    expect(result.message).toContain('sts:TagSession');
    expect(evaluateAws(githubPolicy(undefined, { Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'] }), githubToken(tags)).decision).toBe('allow');
  });
  it('sts:TagSession statements see aws:RequestTag', () => {
    const policy = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Federated: GITHUB_PROVIDER }, Action: 'sts:AssumeRoleWithWebIdentity' },
        { Effect: 'Allow', Principal: { Federated: GITHUB_PROVIDER }, Action: 'sts:TagSession', Condition: { StringEquals: { 'aws:RequestTag/Department': ['Engineering', 'Marketing'] } } },
      ],
    };
    const denied = evaluateAws(policy, githubToken(tags));
    expect(denied.decision).toBe('deny');
    expect(denied.checks.find((c) => c.decisive)?.id).toBe('sts:TagSession.statement[1].condition.StringEquals.aws:RequestTag/Department');
    const allowed = evaluateAws(policy, githubToken({ 'https://aws.amazon.com/tags': { principal_tags: { Department: ['Marketing'] } } }));
    expect(allowed.decision).toBe('allow');
  });
  it('source_identity needs sts:SetSourceIdentity, and sts:SourceIdentity is the claim', () => {
    const claims = githubToken({ 'https://aws.amazon.com/source_identity': 'Diego' });
    const refused = evaluateAws(githubPolicy(), claims);
    expect(refused.decision).toBe('deny');
    expect(refused.message).toContain("the token's source identity also needs sts:SetSourceIdentity, which no statement allows");
    const policy = githubPolicy({ StringLike: { 'sts:SourceIdentity': ['Saanvi', 'Diego'] } }, { Action: ['sts:AssumeRoleWithWebIdentity', 'sts:SetSourceIdentity'] });
    expect(evaluateAws(policy, claims).decision).toBe('allow');
    expect(evaluateAws(policy, githubToken({ 'https://aws.amazon.com/source_identity': 'Admin' })).decision).toBe('deny');
  });
});

describe('explanations', () => {
  it('checks are ordered with ids, sources and one decisive check', () => {
    const text = JSON.stringify(githubPolicy({ StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', [SUB]: MAIN } }), null, 2);
    const result = evaluateAws(text, githubToken({ sub: 'repo:octo-org/octo-repo:ref:refs/heads/dev' }));
    expect(result.checks.map((c) => c.id)).toEqual([
      'token.signature',
      'sts.provider',
      'sts.audience',
      'token.exp',
      'token.nbf',
      'statement[0]',
      'statement[0].principal',
      'statement[0].action',
      'statement[0].condition.StringEquals.token.actions.githubusercontent.com:aud',
      `statement[0].condition.StringEquals.${SUB}`,
    ]);
    const decisive = result.checks.filter((c) => c.decisive);
    expect(decisive.map((c) => c.id)).toEqual([`statement[0].condition.StringEquals.${SUB}`]);
    const line = text.split('\n').findIndex((l) => l.includes(`"${SUB}"`)) + 1;
    expect(decisive[0].source?.line).toBe(line);
    expect(decisive[0].reason).toBe('Differs at character 40: policy wants `main`, token has `dev`.');
    expect(result.details.requestContext).toMatchObject({ [SUB]: 'repo:octo-org/octo-repo:ref:refs/heads/dev', 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' });
  });
  it('an absent key says why', () => {
    const result = evaluateAws(githubPolicy({ StringEquals: { 'token.actions.githubusercontent.com:ref_type': 'branch' } }), githubToken());
    const check = result.checks.find((c) => c.id.endsWith(':ref_type'))!;
    expect(check.actual).toBe('absent: AWS does not expose claim ref_type for issuer token.actions.githubusercontent.com');
    expect(check.reason).toContain('a missing key never matches StringEquals');
  });
  it('the allow message names the statement', () => {
    const result = evaluateAws(githubPolicy(undefined, { Sid: 'GitHubMain' }), githubToken());
    expect(result.message).toBe('AssumeRoleWithWebIdentity allowed by statement 0 (Sid GitHubMain)');
    expect(result.checks.find((c) => c.decisive)?.id).toBe('statement[0]');
  });
});
