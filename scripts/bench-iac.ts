/**
 * The largest Terraform text trustlens reads: just under 2,000,000 characters holding 4,000+
 * roles, decided for one of them (--resource), first reading and again (the text is kept).
 */
import { evaluate } from '../src/engine/evaluate';
import { loadIacReaders } from '../src/engine/inputs/index';
import { claimsToken } from '../src/engine/token';

export function manyRoles(limit = 1_990_000): { text: string; roles: number } {
  const parts = ['variable "account_id" {\n  default = "111122223333"\n}\n'];
  let length = parts[0].length;
  let roles = 0;
  while (length < limit) {
    const role = `resource "aws_iam_role" "r${roles}" {
  name = "role-${roles}"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::\${var.account_id}:oidc-provider/token.actions.githubusercontent.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = { StringEquals = { "token.actions.githubusercontent.com:sub" = "repo:o/r${roles}:ref:refs/heads/main" } }
    }]
  })
}
`;
    if (length + role.length > limit) break;
    parts.push(role);
    length += role.length;
    roles++;
  }
  return { text: parts.join(''), roles };
}

export async function benchIac(): Promise<Array<[string, string]>> {
  const { text, roles } = manyRoles();
  await loadIacReaders(text);
  const token = { ok: true as const, token: claimsToken({ iss: 'https://token.actions.githubusercontent.com', aud: 'sts.amazonaws.com', sub: 'repo:o/r7:ref:refs/heads/main', iat: 1700000000, exp: 1700000300 }) };
  const before = process.memoryUsage().heapUsed;
  const run = () => {
    const start = performance.now();
    const result = evaluate({ policyText: text, token, at: 1700000100, options: { 'iac.resource': 'aws_iam_role.r7' } });
    return { ms: performance.now() - start, decision: result.decision };
  };
  const first = run();
  const again = run();
  const heap = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
  return [
    [`Terraform, ${roles.toLocaleString('en-US')} roles in ${(text.length / 1e6).toFixed(2)} M characters`, `${first.ms.toFixed(0)} ms first, ${again.ms.toFixed(0)} ms again (${first.decision}); heap +${heap.toFixed(0)} MB (target ≤ 1 s, ≤ 200 MB)`],
  ];
}
