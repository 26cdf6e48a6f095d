/**
 * Each provider's plan runs one evaluation two ways: `decide` with no observer, taking every
 * shortcut that cannot change the answer, and `explain` with an observer that records every check.
 * On the gallery and on random configurations and tokens the two give the same decision and
 * message, asked of the plan itself and through the front door; a plan asked about many tokens
 * answers as a fresh one. What the front door adds around the plan (a bad signature, a token over
 * the limits, Terraform) is held to the answers the services give. The traced path's own tests
 * cite the services' documentation and source.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, prepare } from './evaluate';
import { EXAMPLES } from './examples';
import { loadIacReaders } from './inputs/index';
import { asToken } from './prepare';
import { TOO_EXPENSIVE } from './providers/gcp/budget';
import { PROVIDERS } from './providers/index';
import type { EvaluationResult, ProviderId, QuickDecision } from './result';
import { claimsToken, type Claims, type Token } from './token';
import { SIGNATURE_NOT_CHECKED } from './verify';

const verdict = (result: EvaluationResult): QuickDecision => ({ decision: result.decision, message: result.message });

interface Ask {
  token: Token | Claims;
  at: number;
}

/**
 * `decide` against `explain` for each token, on the provider's plan of the configuration (a fresh
 * plan, asked to decide before it has explained anything); then the first token through the front
 * door, which must hand `decide` to the same plan. Returns the decisions, so a property can show
 * it reached allow, deny and error.
 */
function expectDecideIsExplained(policyText: string, provider: ProviderId, asks: Ask[], options: Record<string, string> = {}): QuickDecision[] {
  const prepared = prepare({ policyText, provider, options });
  const first = asks[0];
  const decidedFirst = prepared.decide(first.token, { at: first.at });
  expect(decidedFirst).toEqual(verdict(prepared.explain(first.token, { at: first.at })));
  const module = PROVIDERS[provider];
  const parsed = module.parse(policyText);
  if (!parsed.ok) return [decidedFirst];
  const plan = module.plan(parsed.policy);
  const decided = asks.map(({ token, at }) => plan.decide(asToken(token), at, options));
  asks.forEach(({ token, at }, index) => {
    const explained = plan.explain(asToken(token), { at, signature: SIGNATURE_NOT_CHECKED, options });
    expect(decided[index]).toEqual(verdict(explained));
  });
  return decided;
}

describe('prepare', () => {
  it('decides every gallery example as its source says, with the same answer explained', () => {
    for (const example of EXAMPLES) {
      const [decided] = expectDecideIsExplained(example.policy, example.provider, [{ token: example.claims, at: example.at }], example.options);
      expect(decided.decision, example.id).toBe(example.expect.decision);
      if (example.expect.message) expect(decided.message, example.id).toContain(example.expect.message);
    }
  });

  it('detects the provider as evaluate() does, and reports an unreadable configuration from both faces', () => {
    const example = EXAMPLES.find((candidate) => candidate.id === 'gitlab-aws-branch')!;
    expect(prepare({ policyText: example.policy }).provider).toBe('aws');
    const broken = prepare({ policyText: '{"Statement": [', provider: 'aws' });
    expect(broken.ok).toBe(false);
    expect(broken.decide({}, { at: 0 })).toEqual({ decision: 'error', message: broken.error!.message });
    expect(broken.error!.message).toMatch(/is not valid JSON/);
    expect(broken.explain({}, { at: 0 }).details.inputError).toBe('policy');
  });
});

/**
 * Each service's answer when the token's signature does not verify, for a token its configuration
 * admits: STS's InvalidIdentityToken (API_AssumeRoleWithWebIdentity.html, Errors), Vault's login
 * error (hashicorp/vault-plugin-auth-jwt path_login.go "error validating token", hashicorp/cap
 * "failed to verify id token signature"), Entra ID AADSTS700027 (reference-error-codes), and for
 * Google Cloud, which publishes no text, trustlens's wording.
 */
const BAD_SIGNATURE: Record<ProviderId, { example: string; message: string }> = {
  aws: {
    example: 'gitlab-aws-branch',
    message: 'InvalidIdentityToken: The web identity token that was passed could not be validated by AWS. Get a new identity token from the identity provider and then retry the request.',
  },
  vault: { example: 'vault-gitlab-staging-main', message: 'error validating token: error verifying token signature: failed to verify id token signature' },
  gcp: { example: 'gcp-gitlab-user-login', message: "Invalid ID Token: the token signature could not be verified with the keys of the provider's issuer." },
  azure: { example: 'azure-github-environment', message: 'AADSTS700027: Client assertion contains an invalid signature.' },
};

describe('what the front door adds around the plan', () => {
  const invalid = { state: 'invalid', keySource: 'pasted JWKS', reason: 'signature mismatch' } as const;

  it.each(Object.keys(BAD_SIGNATURE) as ProviderId[])('%s: a bad signature refuses a token the configuration admits, with the service\'s message', (provider) => {
    const { example: id, message } = BAD_SIGNATURE[provider];
    const example = EXAMPLES.find((candidate) => candidate.id === id)!;
    const prepared = prepare({ policyText: example.policy, provider, options: example.options });
    expect(prepared.decide(example.claims, { at: example.at }).decision).toBe('allow');
    expect(prepared.decide(example.claims, { at: example.at, signature: invalid })).toEqual({ decision: 'deny', message });
    const explained = prepared.explain(example.claims, { at: example.at, signature: invalid });
    expect(verdict(explained)).toEqual({ decision: 'deny', message });
    expect(explained.checks[0]).toMatchObject({ id: 'token.signature', result: 'fail' });
  });

  it('refuses a token longer than STS takes before the policy is read, and any provider a token nested too deep', () => {
    const example = EXAMPLES.find((candidate) => candidate.id === 'gitlab-aws-branch')!;
    const prepared = prepare({ policyText: example.policy, provider: 'aws' });
    // API_AssumeRoleWithWebIdentity.html, WebIdentityToken: "Maximum length of 20000"; the AWS query
    // protocol's validation error for a length constraint.
    const tooLong = { ...example.claims, padding: 'x'.repeat(15_100) };
    const refusal = { decision: 'error', message: "1 validation error detected: Value at 'webIdentityToken' failed to satisfy constraint: Member must have length less than or equal to 20000" };
    expect(prepared.decide(tooLong, { at: example.at })).toEqual(refusal);
    expect(verdict(prepared.explain(tooLong, { at: example.at }))).toEqual(refusal);
    expect(prepared.decide({ ...example.claims, padding: 'x'.repeat(14_000) }, { at: example.at }).decision).toBe('allow');
    let deep: unknown = 'x';
    for (let level = 0; level < 70; level++) deep = { level: deep };
    for (const id of Object.keys(BAD_SIGNATURE) as ProviderId[]) {
      const admitted = EXAMPLES.find((candidate) => candidate.id === BAD_SIGNATURE[id].example)!;
      const decided = prepare({ policyText: admitted.policy, provider: id, options: admitted.options }).decide({ ...admitted.claims, deep }, { at: admitted.at });
      expect(decided, id).toEqual({ decision: 'error', message: "The token's claims are nested more than 64 levels deep; trustlens evaluates up to 64 (CI tokens nest two or three)." });
    }
  });

  it('decides Terraform through the policy it renders, and asks for a value the text does not give', async () => {
    // GitLab's documented trust policy (docs.gitlab.com/ci/cloud_services/aws/), its branch a variable.
    const terraform = `resource "aws_iam_role" "ci" {
  name = "ci"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/gitlab.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = { StringEquals = { "gitlab.com:sub" = "project_path:mygroup/myproject:ref_type:branch:ref:\${var.branch}" } }
    }]
  })
}
`;
    await loadIacReaders(terraform);
    const example = EXAMPLES.find((candidate) => candidate.id === 'gitlab-aws-branch')!;
    const ask = (options: Record<string, string>) => {
      const prepared = prepare({ policyText: terraform, options });
      expect(prepared.provider).toBe('aws');
      expect(prepared.conversion?.format).toBe('terraform');
      const decided = prepared.decide(example.claims, { at: example.at });
      expect(decided).toEqual(verdict(prepared.explain(example.claims, { at: example.at })));
      return decided;
    };
    expect(ask({ 'iac.var.branch': 'main' })).toEqual({ decision: 'allow', message: 'AssumeRoleWithWebIdentity allowed by statement 0' });
    expect(ask({ 'iac.var.branch': 'release' })).toEqual({ decision: 'deny', message: 'AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity' });
    expect(ask({})).toEqual({ decision: 'error', message: 'the configuration depends on a value the Terraform text does not give: var.branch (line 9:111); fill it in (--var branch=VALUE)' });
  });
});

// Random AWS trust policies: string operators with Like, Not…, …IfExists, ForAnyValue/ForAllValues,
// several statements with Deny, variables, Null, numeric/date/bool/ARN operators, NotAction.
const ISSUERS = ['https://gitlab.com', 'https://token.actions.githubusercontent.com', 'https://app.terraform.io', 'http://insecure', 'https://gitlab.example.com'];
const prefixOf = (issuer: string) => issuer.replace(/^https?:\/\//, '');
const awsKey = fc.constantFrom(
  'gitlab.com:sub',
  'gitlab.com:aud',
  'gitlab.com:project_id',
  'token.actions.githubusercontent.com:sub',
  'token.actions.githubusercontent.com:environment',
  'token.actions.githubusercontent.com:amr',
  'app.terraform.io:sub',
  'gitlab.example.com:sub',
  'GitLab.com:SUB',
  'aws:CurrentTime',
  'aws:EpochTime',
  'aws:SourceIp',
  'aws:RequestTag/team',
  'aws:TagKeys',
  'sts:SourceIdentity',
);
const awsWord = fc.constantFrom('main', 'prod', 'project_path:g/*', '*', 'p?od', '', 'MAIN', 'repo:o/r:*', '${gitlab.com:aud}', '${aws:EpochTime}x', '${missing:key, \'main\'}', '${*}', 'a*b*c', '1700000000', '2023-11-14T22:13:20Z', 'true', '10.0.0.0/8', 'arn:aws:iam::*:role/x');
const awsBase = fc.constantFrom(
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericLessThan',
  'NumericEquals',
  'DateGreaterThan',
  'Bool',
  'ArnLike',
  'IpAddress',
);
const awsOperator = fc
  .tuple(fc.constantFrom('', 'ForAnyValue:', 'ForAllValues:'), awsBase, fc.boolean())
  .map(([qualifier, base, ifExists]) => `${qualifier}${base}${ifExists ? 'IfExists' : ''}`);
const awsCondition = fc.oneof(
  fc.dictionary(awsOperator, fc.dictionary(awsKey, fc.oneof(awsWord, fc.array(awsWord, { minLength: 1, maxLength: 3 })), { minKeys: 1, maxKeys: 2 }), { maxKeys: 2 }),
  fc.record({ Null: fc.dictionary(awsKey, fc.constantFrom('true', 'false'), { minKeys: 1, maxKeys: 2 }) }),
);
const awsStatement = fc.record(
  {
    Effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
    Sid: fc.constantFrom('A', 'Deploy'),
    Principal: fc.oneof(
      { arbitrary: fc.constantFrom('*' as unknown), weight: 2 },
      { arbitrary: fc.constantFrom(...ISSUERS).map((issuer) => ({ Federated: `arn:aws:iam::111122223333:oidc-provider/${prefixOf(issuer)}` }) as unknown), weight: 3 },
    ),
    Action: fc.constantFrom('sts:AssumeRoleWithWebIdentity', 'sts:*', ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'], 'STS:assumerole*', 's3:GetObject'),
    Condition: awsCondition,
  },
  { requiredKeys: ['Effect', 'Principal', 'Action'] },
);
const awsPolicy = fc.record({
  Version: fc.constantFrom('2012-10-17', '2012-10-17', '2008-10-17'),
  Statement: fc.array(awsStatement, { minLength: 1, maxLength: 4 }),
});
const claimValue = fc.oneof(awsWord, fc.array(awsWord, { maxLength: 3 }), fc.integer({ min: 0, max: 3 }), fc.constant(null));
const awsClaims = fc
  .record(
    {
      iss: fc.constantFrom(...ISSUERS, 'https://gitlab.com', 'https://token.actions.githubusercontent.com'),
      aud: fc.oneof(fc.constantFrom('https://gitlab.com', 'sts.amazonaws.com', ''), fc.array(fc.constantFrom('sts.amazonaws.com', 'x'), { maxLength: 2 })),
      sub: fc.constantFrom('project_path:g/p:ref_type:branch:ref:main', 'repo:o/r:environment:prod', 'main', 'MAIN', 'prod'),
      exp: fc.constantFrom(1800000000, 1800000000, 1800000000, 1699999000),
      project_id: claimValue,
      environment: claimValue,
      amr: claimValue,
      azp: fc.constantFrom('sts.amazonaws.com'),
      'https://aws.amazon.com/tags': fc.record({ principal_tags: fc.dictionary(fc.constantFrom('team', 'Team'), fc.array(awsWord, { minLength: 1, maxLength: 2 })) }),
      'https://aws.amazon.com/source_identity': fc.constantFrom('main', 'alice'),
    },
    { requiredKeys: ['iss', 'sub', 'aud', 'exp'] },
  )
  .map((claims) => claims as Claims);

describe('decide = explain (AWS)', () => {
  it('AWS: random trust policies and tokens', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(awsPolicy, awsClaims, fc.constantFrom(1700000010, 1780000000), fc.constantFrom('by-date', '2026', 'legacy'), (policy, claims, at, claimKeys) => {
        for (const decided of expectDecideIsExplained(JSON.stringify(policy), 'aws', [{ token: claims, at }], { claimKeys })) seen.add(decided.decision);
      }),
      { numRuns: 1_000 },
    );
    // About 1 run in 20 is allowed: a run with none would have shown only the denying half.
    expect([...seen].sort()).toEqual(['allow', 'deny']);
  });
  it('AWS: conditions on the keys a gitlab.com token carries', () => {
    const sub = fc.constantFrom('project_path:g/p:ref_type:branch:ref:main', 'project_path:g/p:ref_type:tag:ref:v1', 'project_path:h/p:ref_type:branch:ref:main');
    const pattern = fc.constantFrom('project_path:g/*', 'project_path:g/p:ref_type:branch:ref:main', '*:ref:main', 'project_path:?/p:*', '*', 'PROJECT_PATH:G/*', '${gitlab.com:aud}');
    const values = fc.oneof(pattern, fc.array(pattern, { minLength: 1, maxLength: 3 }));
    const block = fc.dictionary(fc.constantFrom('gitlab.com:sub', 'gitlab.com:aud', 'gitlab.com:project_id', 'gitlab.com:amr'), values, { minKeys: 1, maxKeys: 2 });
    const statement = fc.record({
      Effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
      Principal: fc.constantFrom({ Federated: 'arn:aws:iam::111122223333:oidc-provider/gitlab.com' }, '*'),
      Action: fc.constantFrom('sts:AssumeRoleWithWebIdentity', 'sts:*'),
      Condition: fc.dictionary(awsOperator, block, { minKeys: 1, maxKeys: 2 }),
    });
    const claims = fc.record({
      iss: fc.constant('https://gitlab.com'),
      aud: fc.constantFrom('https://gitlab.com', 'project_path:g/x'),
      sub,
      exp: fc.constant(1800000000),
      project_id: fc.constantFrom('22', 22, ['22', '23']),
      amr: fc.constantFrom('project_path:g/p', ['a', 'project_path:g/q']),
    });
    fc.assert(
      fc.property(fc.array(statement, { minLength: 1, maxLength: 3 }), claims, (statements, token) => {
        expectDecideIsExplained(JSON.stringify({ Version: '2012-10-17', Statement: statements }), 'aws', [{ token, at: 1780000000 }]);
      }),
      { numRuns: 400 },
    );
  });
  it('AWS: arbitrary JSON where statements, conditions and claims belong', () => {
    const statement = fc.oneof(awsStatement, fc.dictionary(fc.constantFrom('Effect', 'Principal', 'Action', 'NotAction', 'Condition', 'Sid'), fc.jsonValue()));
    const claims = fc.dictionary(fc.constantFrom('iss', 'aud', 'sub', 'exp', 'azp', 'amr', 'https://aws.amazon.com/tags'), fc.jsonValue());
    fc.assert(
      fc.property(fc.oneof(fc.array(statement, { maxLength: 3 }), fc.jsonValue()), fc.oneof(awsClaims, claims), (statements, token) => {
        expectDecideIsExplained(JSON.stringify({ Version: '2012-10-17', Statement: statements }), 'aws', [{ token: token as Claims, at: 1700000010 }]);
      }),
      { numRuns: 300 },
    );
  });
  it('AWS: with an IAM OIDC provider and its client IDs', () => {
    fc.assert(
      fc.property(awsPolicy, awsClaims, fc.array(fc.constantFrom('sts.amazonaws.com', 'https://gitlab.com', ''), { maxLength: 2 }), (policy, claims, clientIds) => {
        const wrapper = { TrustPolicy: policy, OpenIDConnectProvider: { Url: 'gitlab.com', ClientIDList: clientIds } };
        expectDecideIsExplained(JSON.stringify(wrapper), 'aws', [{ token: claims, at: 1700000010 }]);
      }),
      { numRuns: 300 },
    );
  });
});

// Random Entra ID federated identity credentials (single and lists; subject and flexible
// expressions with eq / matches and `and`) against random GitHub-shaped tokens.
const GITHUB = 'https://token.actions.githubusercontent.com';
const azureSubject = fc.constantFrom('repo:o/r:ref:refs/heads/main', 'repo:o/r:environment:Production', 'repo:O/R:ref:refs/heads/main', 'repo:o/r:pull_request', 'repo:o/r:environment:production');
const azureComparison = fc
  .tuple(
    fc.constantFrom('sub', 'sub', 'job_workflow_ref'),
    fc.constantFrom('eq', 'matches'),
    fc.constantFrom('repo:o/r:*', 'repo:o/r:ref:refs/heads/main', '*', 'repo:o/r:environment:Production', 'repo:?/r:*', 'repo:o/r:environment:*', 'o/r/.github/workflows/*', 'o/r/.github/workflows/deploy.yml@refs/heads/main'),
  )
  .map(([claim, operator, comparand]) => `claims['${claim}'] ${operator} '${comparand}'`);
const azureCredential = fc.oneof(
  fc.record({
    name: fc.constantFrom('main', 'env'),
    issuer: fc.constantFrom(GITHUB, GITHUB, 'https://gitlab.com'),
    subject: azureSubject,
    audiences: fc.constantFrom(['api://AzureADTokenExchange'], ['api://AzureADTokenExchange'], ['api://other']),
  }),
  fc.record({
    name: fc.constantFrom('flexible'),
    issuer: fc.constant(GITHUB),
    subject: fc.constant(null),
    audiences: fc.constant(['api://AzureADTokenExchange']),
    claimsMatchingExpression: fc.array(azureComparison, { minLength: 1, maxLength: 3 }).map((parts) => ({ value: parts.join(' and '), languageVersion: 1 })),
  }),
);
const azureClaims = fc
  .record(
    {
      iss: fc.constantFrom(GITHUB, GITHUB, GITHUB, GITHUB, 'https://gitlab.com', 'https://login.microsoftonline.com/tenant/v2.0'),
      aud: fc.oneof(fc.constantFrom('api://AzureADTokenExchange', 'api://AzureADTokenExchange', 'api://other'), fc.array(fc.constantFrom('api://AzureADTokenExchange', 'x'), { maxLength: 2 })),
      sub: azureSubject,
      job_workflow_ref: fc.constantFrom('o/r/.github/workflows/deploy.yml@refs/heads/main', 'o/r/.github/workflows/deploy.yml@refs/tags/v1'),
      iat: fc.constantFrom(1700000000, 1700000000, 1700000000, 1600000000),
      nbf: fc.constantFrom(1699999995, 1699999995, 1699999995, 1700000100),
      exp: fc.constantFrom(1700000300, 1700000300, 1700000300, 1700000010),
    },
    { requiredKeys: ['iss', 'aud', 'sub', 'exp', 'iat'] },
  )
  .map((claims) => claims as Claims);

describe('decide = explain (Azure)', () => {
  it('Azure: random credentials and tokens', () => {
    const list = fc.array(azureCredential, { maxLength: 3 }).map((credentials) => credentials.map((credential, index) => ({ ...credential, name: `${credential.name}-${index}` })));
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.oneof(azureCredential, list), azureClaims, (policy, claims) => {
        for (const decided of expectDecideIsExplained(JSON.stringify(policy), 'azure', [{ token: claims, at: 1700000030 }])) seen.add(decided.decision);
      }),
      { numRuns: 600 },
    );
    // About 1 run in 40 is allowed; 600 runs without one would be a one-in-millions event.
    expect(seen).toContain('allow');
    expect(seen).toContain('deny');
  });
});

/**
 * Vault roles: random roles (every field pathLogin reads), configs, server flavours and versions,
 * and tokens with and without a JWS header, decided and explained.
 */
describe('decide = explain (Vault: random roles, configs and tokens)', () => {
  const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined, freq: 2 });
  // Mostly what a working role and token hold, sometimes something else: every step gets to decide.
  const usually = (good: unknown, ...others: unknown[]) => fc.oneof({ arbitrary: fc.constant(good), weight: 6 }, { arbitrary: fc.constantFrom(...others), weight: 1 });
  const role = fc.record(
    {
      role_type: optional(usually('jwt', 'oidc')),
      user_claim: usually('sub', 'user_email', '/nested/name', 'missing', 'project_id'),
      user_claim_json_pointer: optional(fc.boolean()),
      bound_audiences: optional(fc.oneof(usually('https://vault.example.com', 'x'), fc.array(usually('https://vault.example.com', 'y'), { maxLength: 2 }))),
      bound_subject: optional(usually('project_path:g/p:ref_type:branch:ref:main', 'other')),
      bound_claims_type: optional(fc.constantFrom('string', 'glob')),
      bound_claims: optional(fc.dictionary(fc.constantFrom('ref', 'project_id', '/nested/name', 'groups', 'missing'), fc.oneof(fc.constantFrom('main', 'm*', '22', 'a', '*', 'n'), fc.constantFrom(22, true), fc.array(fc.constantFrom('main', 'a', 'b*'), { maxLength: 2 })), { maxKeys: 2 })),
      claim_mappings: optional(fc.dictionary(fc.constantFrom('ref', 'project_id', 'groups', '/nested/name'), fc.constantFrom('m1', 'm2'), { maxKeys: 2 })),
      groups_claim: optional(usually('groups', 'missing', 'nested', 'project_id')),
      clock_skew_leeway: optional(fc.constantFrom(-1, 0, 30)),
      expiration_leeway: optional(fc.constantFrom(-1, 0, 30)),
      not_before_leeway: optional(fc.constantFrom(-1, 0, 30)),
      token_policies: optional(fc.constantFrom(['dev'], [], ['a', 'b'])),
      token_bound_cidrs: optional(fc.constantFrom(['10.0.0.0/8'])),
      allowed_redirect_uris: optional(fc.constantFrom(['https://vault.example.com/ui/vault/auth/jwt/oidc/callback'])),
    },
    { requiredKeys: ['user_claim'] },
  );
  const config = usually(
    { oidc_discovery_url: 'https://gitlab.example.com', bound_issuer: 'https://gitlab.example.com' },
    undefined,
    { bound_issuer: 'https://gitlab.example.com/' },
    { oidc_discovery_url: 'https://gitlab.example.com', oidc_client_id: 'id', oidc_client_secret: 'secret' },
    { jwks_url: 'https://gitlab.example.com/oauth/discovery/keys', jwt_supported_algs: ['ES256'] },
  );
  const claims = fc.record(
    {
      iss: usually('https://gitlab.example.com', 'https://gitlab.example.com/', 7),
      aud: fc.oneof(usually('https://vault.example.com', '', 'x', 3), fc.array(usually('https://vault.example.com', 'y'), { maxLength: 2 })),
      sub: usually('project_path:g/p:ref_type:branch:ref:main', 'other'),
      ref: fc.constantFrom('main', 'mx', 'feature'),
      project_id: fc.constantFrom('22', 22, 22.5),
      user_email: fc.constantFrom('a@example.com'),
      nested: usually({ name: 'n' }, { name: 4 }),
      groups: fc.oneof(fc.constantFrom('a', 7), fc.array(usually('a', 'b', '', 5), { maxLength: 3 })),
      iat: usually(1700000000, 0, 1700000100),
      nbf: usually(1700000000, 1700000200),
      exp: usually(1700000300, 1699999000, 'soon'),
    },
    { requiredKeys: ['sub'] },
  );
  const token = fc.tuple(claims, usually(null, 'RS256', 'ES256', 'HS256')).map(([payload, alg]): Token =>
    alg === null ? claimsToken(payload) : { kind: 'jws', header: { alg, kid: 'k' }, claims: payload, compact: 'e30.e30.c2ln', warnings: [] },
  );
  it('same decision and message, every time', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(role, config, fc.array(token, { minLength: 1, maxLength: 3 }), fc.constantFrom('vault', 'openbao'), fc.constantFrom('1.17', '1.16'), (roleFields, configFields, tokens, flavour, version) => {
        const policyText = JSON.stringify(configFields ? { config: configFields, role: roleFields } : roleFields);
        const options = { flavour, vault_version: version };
        const asks = tokens.flatMap((candidate) => [1700000030, 1700000500].map((at) => ({ token: candidate, at })));
        for (const decided of expectDecideIsExplained(policyText, 'vault', asks, options)) seen.add(decided.decision);
      }),
      { numRuns: 1_500 },
    );
    // The run reached logins that succeed as well as each kind of refusal.
    expect([...seen].sort()).toEqual(['allow', 'deny', 'error']);
  });
});

/**
 * Google Cloud providers: random mappings (plain, metered string functions, comprehensions, missing
 * claims, wrong types), conditions, states, audiences and IAM bindings, decided and explained.
 * Configurations whose CEL can spend the budget are decided by running every stage as the
 * explanation does, the others by the root condition alone, so both kinds are drawn.
 */
describe('decide = explain (Google Cloud: random providers and tokens)', () => {
  const pool = 'projects/123456789012/locations/global/workloadIdentityPools/gitlab';
  const usually = (good: unknown, ...others: unknown[]) => fc.oneof({ arbitrary: fc.constant(good), weight: 5 }, { arbitrary: fc.constantFrom(...others), weight: 1 });
  const provider = fc.record({
    name: fc.constant(`${pool}/providers/gitlab`),
    state: fc.option(usually('ACTIVE', 'DELETED'), { nil: undefined }),
    disabled: fc.option(usually(false, true), { nil: undefined }),
    attributeMapping: fc.record(
      {
        'google.subject': usually('assertion.sub', 'assertion.project_id', "assertion.sub.replace(':', '/')", 'assertion.missing', "''"),
        'google.groups': fc.constantFrom('[assertion.namespace_path]', 'assertion.groups', "assertion.groups.filter(g, g != '')", 'assertion.namespace_path'),
        'attribute.namespace_path': usually('assertion.namespace_path', 'assertion.namespace_path.upperAscii()', 'assertion.nope'),
        'attribute.ref': fc.constantFrom('assertion.ref', "assertion.ref_type + ':' + assertion.ref"),
      },
      { requiredKeys: ['google.subject'] },
    ),
    attributeCondition: fc.option(
      fc.constantFrom(
        "assertion.namespace_path == 'my-group'",
        "assertion.namespace_path == 'my-group' && assertion.ref_protected == 'true'",
        "attribute.ref.startsWith('branch') || google.subject.endsWith(':main')",
        "assertion.namespace_path in ['my-group', 'other']",
        "assertion.groups.exists(g, g == 'admins')",
        "assertion.project_path.matches('^my-group/')",
        'assertion.ref_protected',
        "assertion.missing == 'x'",
        "'admins' in google.groups",
        "unknown.name == 'x'",
        "assertion.sub ==",
      ),
      { nil: undefined },
    ),
    oidc: fc.record({ issuerUri: usually('https://gitlab.com', 'https://gitlab.com/', 'https://gitlab.example.com'), allowedAudiences: fc.option(usually(['https://gitlab.com'], [], ['x']), { nil: undefined }) }, { requiredKeys: ['issuerUri'] }),
  });
  const member = fc.constantFrom(
    `principalSet://iam.googleapis.com/${pool}/attribute.namespace_path/my-group`,
    `principalSet://iam.googleapis.com/${pool}/*`,
    `principal://iam.googleapis.com/${pool}/subject/project_path:my-group/p:ref_type:branch:ref:main`,
    `principalSet://iam.googleapis.com/${pool}/group/admins`,
    'principalSet://iam.googleapis.com/projects/999/locations/global/workloadIdentityPools/gitlab/*',
    'user:someone@example.com',
  );
  const iamPolicy = fc.option(fc.record({ bindings: fc.array(fc.record({ role: fc.constantFrom('roles/iam.workloadIdentityUser', 'roles/viewer'), members: fc.array(member, { minLength: 1, maxLength: 2 }) }), { maxLength: 2 }) }), { nil: undefined });
  const claims = fc.record(
    {
      iss: usually('https://gitlab.com', 'https://gitlab.com/', 'https://evil.example', 5),
      aud: usually('https://gitlab.com', `//iam.googleapis.com/${pool}/providers/gitlab`, ['https://gitlab.com', 'y'], 'x'),
      sub: usually('project_path:my-group/p:ref_type:branch:ref:main', 'project_path:other/p:ref_type:tag:ref:v1'),
      project_id: fc.constantFrom('22', 22),
      namespace_path: usually('my-group', 'other', 7),
      project_path: fc.constantFrom('my-group/p', 'other/p'),
      ref: fc.constantFrom('main', 'v1'),
      ref_type: fc.constantFrom('branch', 'tag'),
      ref_protected: fc.constantFrom('true', 'false', true),
      groups: fc.oneof(fc.array(fc.constantFrom('admins', 'dev', ''), { maxLength: 3 }), fc.constantFrom('admins', 3)),
      iat: usually(1700000000, 1700000100, 'x', 1600000000),
      exp: usually(1700000300, 1699999000, 'later'),
      nbf: fc.option(fc.constantFrom(1700000000, 1700000200, 'y'), { nil: undefined }),
    },
    { requiredKeys: ['iss', 'sub'] },
  );
  const token = fc.tuple(claims, fc.oneof({ arbitrary: fc.constant(null), weight: 4 }, { arbitrary: fc.constantFrom('RS256', 'ES256', 'HS256'), weight: 1 })).map(([payload, alg]): Token =>
    alg === null ? claimsToken(payload) : { kind: 'jws', header: { alg, kid: 'k' }, claims: payload, compact: 'e30.e30.c2ln', warnings: [] },
  );
  it('a condition that spends the whole budget gets the trace\'s verdict (too expensive), not a quick one', () => {
    const digits = '[0,1,2,3,4,5,6,7,8,9]';
    const condition = `${digits}.exists(a, ${digits}.exists(b, ${digits}.exists(c, ${digits}.exists(d, ${digits}.exists(e, a + b + c + d + e == 99)))))`;
    const policyText = JSON.stringify({ provider: { name: `${pool}/providers/gitlab`, attributeMapping: { 'google.subject': 'assertion.sub' }, attributeCondition: condition, oidc: { issuerUri: 'https://gitlab.com' } } });
    const claims = { iss: 'https://gitlab.com', aud: `//iam.googleapis.com/${pool}/providers/gitlab`, sub: 's', iat: 1700000000, exp: 1700000300 };
    const traced = evaluate({ policyText, provider: 'gcp', token: { ok: true, token: claimsToken(claims) }, at: 1700000030 });
    expect(traced.message).toBe(TOO_EXPENSIVE);
    expect(prepare({ policyText, provider: 'gcp' }).decide(claims, { at: 1700000030 })).toEqual({ decision: 'error', message: TOO_EXPENSIVE });
  });
  it('same decision and message, every time', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(provider, iamPolicy, fc.array(token, { minLength: 1, maxLength: 3 }), (providerFields, iam, tokens) => {
        const policyText = JSON.stringify(iam ? { provider: providerFields, iamPolicy: iam } : { provider: providerFields });
        const asks = tokens.map((candidate) => ({ token: candidate, at: 1700000030 }));
        for (const decided of expectDecideIsExplained(policyText, 'gcp', asks)) seen.add(decided.decision);
      }),
      // About 1 run in 100 draws a provider, binding and token that are let in; 2,000 runs make a
      // run without any allow (which fails the check below) a one-in-hundreds-of-millions event.
      { numRuns: 2_000 },
    );
    expect([...seen].sort()).toEqual(['allow', 'deny', 'error']);
  });
});

/**
 * A plan keeps what it worked out for one token for the next (the role written per server flavour,
 * the switches last read, principals per issuer, CEL programs): asked about many tokens in turn,
 * under changing switches, its decision and its explanation each equal a fresh plan's decision.
 */
function expectReuseIsInvisible(policyText: string, provider: ProviderId, asks: Array<Ask & { options?: Record<string, string> }>) {
  const module = PROVIDERS[provider];
  const parsed = module.parse(policyText);
  if (!parsed.ok) return;
  const reused = module.plan(parsed.policy);
  for (const { token, at, options = {} } of asks) {
    const again = module.parse(policyText);
    if (!again.ok) throw new Error(again.error.message);
    const fresh = module.plan(again.policy).decide(asToken(token), at, options);
    expect(reused.decide(asToken(token), at, options)).toEqual(fresh);
    expect(verdict(reused.explain(asToken(token), { at, signature: SIGNATURE_NOT_CHECKED, options }))).toEqual(fresh);
  }
}

describe('a plan asked again answers as a fresh plan (AWS, Vault, Google Cloud)', () => {
  const vaultClaims = fc.record({
    iss: fc.constant('https://gitlab.example.com'),
    aud: fc.oneof({ arbitrary: fc.constant('https://vault.example.com'), weight: 4 }, { arbitrary: fc.constantFrom('', 'x'), weight: 1 }, { arbitrary: fc.array(fc.constantFrom('https://vault.example.com', 'x'), { minLength: 1, maxLength: 2 }), weight: 1 }),
    sub: fc.constantFrom('project_path:g/p:ref_type:branch:ref:main', 'project_path:g/p:ref_type:tag:ref:v1'),
    project_id: fc.constantFrom('22', 22, '23'),
    ref: fc.constantFrom('main', 'auto-deploy-1', 'feature'),
    ref_type: fc.constantFrom('branch', 'tag'),
    ref_protected: fc.constantFrom('true', 'false', true),
    user_email: fc.constantFrom('a@example.com'),
    iat: fc.constant(1700000000),
    nbf: fc.constant(1700000000),
    exp: fc.constantFrom(1700000300, 1700000300, 1700000300, 1699000000),
  });
  const boundValue = fc.oneof(
    { arbitrary: fc.constantFrom('main', 'auto-deploy-*', '*', '22', 'true', 'branch', 'ma?n', 'm*'), weight: 6 },
    { arbitrary: fc.constantFrom(22, true), weight: 1 },
    { arbitrary: fc.array(fc.constantFrom('main', 'feature', 'auto-*', '22', 'branch', 'true'), { minLength: 1, maxLength: 3 }), weight: 3 },
  );
  const vaultRole = fc.record({
    role_type: fc.constant('jwt'),
    user_claim: fc.constantFrom('user_email', 'sub'),
    // Without bound_audiences, a token naming one audience is refused from Vault 1.17 on (namesAudience in login.ts).
    bound_audiences: fc.option(fc.constant('https://vault.example.com'), { nil: undefined }),
    bound_claims_type: fc.constantFrom('string', 'glob'),
    bound_claims: fc.dictionary(fc.constantFrom('project_id', 'ref', 'ref_type', 'ref_protected'), boundValue, { minKeys: 1, maxKeys: 2 }),
  });
  it('Vault: random bound_claims roles, several tokens each, under either server flavour and version', () => {
    const ask = fc.record({ token: vaultClaims, at: fc.constant(1700000030), options: fc.record({ flavour: fc.constantFrom('vault', 'openbao'), vault_version: fc.constantFrom('1.17', '1.16') }) });
    fc.assert(
      fc.property(vaultRole, fc.array(ask, { minLength: 1, maxLength: 6 }), (role, asks) => {
        const policyText = JSON.stringify({ config: { oidc_discovery_url: 'https://gitlab.example.com', bound_issuer: 'https://gitlab.example.com' }, role });
        expectReuseIsInvisible(policyText, 'vault', asks);
      }),
      { numRuns: 150 },
    );
  });
  it('AWS: random trust policies, tokens of several issuers, each under its own condition-key switch', () => {
    const ask = fc.record({ token: awsClaims, at: fc.constantFrom(1700000010, 1780000000), options: fc.record({ claimKeys: fc.constantFrom('by-date', '2026', 'legacy') }) });
    fc.assert(
      fc.property(awsPolicy, fc.array(ask, { minLength: 2, maxLength: 6 }), (policy, asks) => {
        expectReuseIsInvisible(JSON.stringify(policy), 'aws', asks);
      }),
      { numRuns: 300 },
    );
  });
  it('Google Cloud: the gallery providers against many tokens', () => {
    const gcp = EXAMPLES.filter((example) => example.provider === 'gcp');
    const asks = gcp.map((example) => ({ token: example.claims, at: example.at, options: example.options }));
    for (const example of gcp) expectReuseIsInvisible(example.policy, 'gcp', [...asks, ...asks]);
  });
});
