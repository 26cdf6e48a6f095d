/**
 * Exposure analysis timings for `npm run bench`: a 50-statement AWS trust policy analysed with and
 * without a token, and a diff of two such policies. Printed, never asserted.
 */
import { analyseExposure, diffPolicies } from '../src/engine/exposure';

const AT = 1_700_000_000;

/** 50 Allow statements, one project each, under a mix of the operators the analysis reads. */
export function fiftyStatementPolicy(wildcardAt = -1): string {
  const operators = ['StringEquals', 'StringLike', 'ForAnyValue:StringLike', 'StringEqualsIfExists'];
  const Statement = Array.from({ length: 50 }, (_, index) => ({
    Sid: `Project${index}`,
    Effect: 'Allow',
    Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/gitlab.com' },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: {
      StringEquals: { 'gitlab.com:aud': 'https://gitlab.com' },
      [index === wildcardAt ? 'StringLike' : operators[index % operators.length]]: {
        'gitlab.com:sub': index === wildcardAt ? 'project_path:group-0/*' : `project_path:group-${index % 7}/project-${index}:ref_type:branch:ref:main`,
      },
    },
  }));
  return JSON.stringify({ Version: '2012-10-17', Statement }, null, 2);
}

function median(fn: () => void, runs = 15): number {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

export function benchExposure(): Array<[string, string]> {
  const policy = fiftyStatementPolicy();
  const widened = fiftyStatementPolicy(0);
  let witnesses = 0;
  const built = median(() => void (witnesses = analyseExposure({ policyText: policy, provider: 'aws', at: AT }).witnesses.length));
  const claims = analyseExposure({ policyText: policy, provider: 'aws', at: AT }).intended ?? null;
  const given = median(() => void analyseExposure({ policyText: policy, provider: 'aws', claims, at: AT }));
  let broadened = 0;
  const diff = median(() => void (broadened = diffPolicies({ before: policy, after: widened, provider: 'aws', at: AT }).broadened.length), 5);
  return [
    ['exposure: 50-statement AWS policy, token built', `${built.toFixed(1)} ms median (${witnesses} witnesses, every way in; goal ≤ 150 ms)`],
    ['exposure: same, token given', `${given.toFixed(1)} ms median`],
    ['diff: 50 statements, one widened to group-0/*', `${diff.toFixed(1)} ms median (${broadened} broadened)`],
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [name, value] of benchExposure()) console.log(`${name} | ${value}`);
}
