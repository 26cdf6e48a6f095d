/**
 * A generated `aws iam get-account-authorization-details` export for measuring `trustlens scan`:
 * a realistic mix where most roles trust AWS services, some trust other accounts or a SAML
 * provider, and a few hundred trust GitHub Actions or GitLab with varied conditions. The same
 * count gives the same export (a fixed-seed generator).
 *
 *   npx tsx scripts/scan-export.ts 5000 > account.json
 */
const SERVICES = ['lambda.amazonaws.com', 'ec2.amazonaws.com', 'ecs-tasks.amazonaws.com', 'codebuild.amazonaws.com', 'states.amazonaws.com', 'events.amazonaws.com', 'glue.amazonaws.com', 'sagemaker.amazonaws.com'];
const GITHUB = 'token.actions.githubusercontent.com';
const GITLAB = 'gitlab.com';

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function federated(issuer: string, condition: Record<string, unknown>) {
  return { Effect: 'Allow', Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${issuer}` }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: condition };
}

function oidcStatement(next: () => number, index: number) {
  const org = `org-${index % 17}`;
  const repo = `service-${index}`;
  const aud = { [`${GITHUB}:aud`]: 'sts.amazonaws.com' };
  switch (Math.floor(next() * 8)) {
    case 0:
      return federated(GITHUB, { StringEquals: aud });
    case 1:
      return federated(GITHUB, { StringEquals: aud, StringLike: { [`${GITHUB}:sub`]: `repo:${org}/*` } });
    case 2:
      return federated(GITHUB, { StringEquals: { ...aud, [`${GITHUB}:sub`]: `repo:${org}/${repo}:environment:production` } });
    case 3:
      return federated(GITHUB, { StringEquals: aud, StringLike: { [`${GITHUB}:sub`]: `repo:${org}/${repo}:*` } });
    case 4:
      return federated(GITHUB, { StringEquals: { ...aud, [`${GITHUB}:sub`]: `repo:${org}/${repo}:ref:refs/heads/main` } });
    case 5:
      return federated(GITLAB, { StringEquals: { [`${GITLAB}:sub`]: `project_path:${org}/${repo}:ref_type:branch:ref:main` } });
    case 6:
      return federated(GITLAB, { StringLike: { [`${GITLAB}:sub`]: `project_path:${org}/*:ref_type:branch:ref:*` } });
    default:
      return federated(GITLAB, { StringEquals: { [`${GITLAB}:aud`]: 'https://gitlab.com' }, StringLike: { [`${GITLAB}:sub`]: `project_path:${org}/${repo}:*` } });
  }
}

export function generateAccountExport(count: number, seed = 42): string {
  const next = random(seed);
  const roles = [];
  for (let index = 0; index < count; index++) {
    const pick = next();
    let name: string;
    let statements: unknown[];
    if (pick < 0.07) {
      name = `ci-${index}`;
      statements = [oidcStatement(next, index)];
    } else if (pick < 0.1) {
      name = `cross-account-${index}`;
      statements = [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${String(100000000000 + index)}:root` }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': `ext-${index}` } } }];
    } else if (pick < 0.12) {
      name = `sso-${index}`;
      statements = [{ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:saml-provider/Okta' }, Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession'], Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } } }];
    } else {
      const service = SERVICES[Math.floor(next() * SERVICES.length)];
      name = `${service.split('.')[0]}-role-${index}`;
      statements = [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }];
    }
    const document = JSON.stringify({ Version: '2012-10-17', Statement: statements });
    roles.push({
      Path: '/',
      RoleName: name,
      RoleId: `AROA${String(index).padStart(17, '0')}`,
      Arn: `arn:aws:iam::111122223333:role/${name}`,
      CreateDate: '2025-01-01T00:00:00+00:00',
      // The IAM API returns the document URL-encoded; the AWS CLI decodes it. Both occur in the wild.
      AssumeRolePolicyDocument: index % 2 === 0 ? encodeURIComponent(document) : JSON.parse(document),
      InstanceProfileList: [],
      RolePolicyList: [],
      AttachedManagedPolicies: [{ PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
      Tags: [],
      RoleLastUsed: {},
    });
  }
  return `${JSON.stringify({ UserDetailList: [], GroupDetailList: [], RoleDetailList: roles, Policies: [] }, null, 4)}\n`;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  process.stdout.write(generateAccountExport(Number(process.argv[2] ?? 5000)));
}
