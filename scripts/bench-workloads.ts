/**
 * Workloads several benches share, so their figures describe the same configuration.
 */

/** A 50-statement GitLab trust policy, one group per statement (`project_path:group-N/*` on main). */
export function fiftyGroupStatementsPolicy(): string {
  const statements = Array.from({ length: 50 }, (_, i) => ({
    Effect: 'Allow',
    Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/gitlab.com' },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: {
      StringEquals: { 'gitlab.com:aud': 'https://gitlab.com' },
      StringLike: { 'gitlab.com:sub': `project_path:group-${i}/*:ref_type:branch:ref:main` },
    },
  }));
  return JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
}
