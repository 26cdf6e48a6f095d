#!/usr/bin/env node
// Writes a `trustlens test` scenario file of N scenarios (default 100,000) to standard output, for
// measuring long runs: GitLab's documented AWS trust policy, and tokens from branches and tags of
// several projects, each expected to be let in or not as the policy says.
// With --exposure, each scenario asserts "who else gets in" instead (grade and refused axes).
// With --yaml, the same scenarios are written as YAML, each a block mapping in a block list.
//   node scripts/generate-scenarios.mjs 100000 > big.json
//   node scripts/generate-scenarios.mjs 1000 --exposure > exposure.json
//   node scripts/generate-scenarios.mjs 100000 --yaml > big.yaml
const exposure = process.argv.includes('--exposure');
const yaml = process.argv.includes('--yaml');
const count = Number(process.argv.filter((arg) => !arg.startsWith('--'))[2] ?? 100_000);
if (!Number.isInteger(count) || count < 0) {
  console.error('usage: node scripts/generate-scenarios.mjs [COUNT] > FILE');
  process.exit(2);
}
const policy = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/gitlab.example.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { 'gitlab.example.com:aud': 'https://gitlab.example.com' },
        StringLike: { 'gitlab.example.com:sub': 'project_path:mygroup/*:ref_type:branch:ref:main' },
      },
    },
  ],
};
const out = [];
let pending = 0;
function write(text) {
  out.push(text);
  pending += text.length;
  if (pending > 1 << 20) flush();
}
function flush() {
  process.stdout.write(out.join(''));
  out.length = 0;
  pending = 0;
}
/** One value as YAML at `indent`: mappings and lists of mappings as blocks, scalars as JSON (which YAML reads). */
function yamlValue(value, indent) {
  if (Array.isArray(value)) return value.map((item) => `\n${indent}- ${yamlValue(item, `${indent}  `).replace(/^\n\s*/, '')}`).join('');
  if (typeof value === 'object' && value !== null) return Object.entries(value).map(([key, inner]) => `\n${indent}${key}:${/^\n/.test(yamlValue(inner, `${indent}  `)) ? '' : ' '}${yamlValue(inner, `${indent}  `)}`).join('');
  return JSON.stringify(value);
}
if (yaml) write(`provider: aws\nat: 1700000100\npolicy: ${JSON.stringify(policy)}\nscenarios:${count > 0 ? '' : ' []'}`);
else write(`{\n  "provider": "aws",\n  "at": 1700000100,\n  "policy": ${JSON.stringify(policy, null, 2).replace(/\n/g, '\n  ')},\n  "scenarios": [`);
for (let i = 0; i < count; i++) {
  const group = i % 7 === 0 ? 'othergroup' : 'mygroup';
  const refType = i % 5 === 0 ? 'tag' : 'branch';
  const ref = refType === 'tag' ? `v${i % 100}.0` : i % 3 === 0 ? 'main' : `feature-${i % 1000}`;
  const sub = `project_path:${group}/project-${i % 500}:ref_type:${refType}:ref:${ref}`;
  const allowed = group === 'mygroup' && refType === 'branch' && ref === 'main';
  const scenario = exposure
    ? { name: `only mygroup's main branches get in (#${i + 1})`, expect: { grade: 'broad' }, refuses: [{ axis: 'other-group' }, { axis: 'tag-as-branch' }] }
    : {
    name: `${allowed ? 'allows' : 'refuses'} ${sub} (#${i + 1})`,
    claims: { iss: 'https://gitlab.example.com', sub, aud: 'https://gitlab.example.com', project_path: `${group}/project-${i % 500}`, ref, ref_type: refType, iat: 1700000000, exp: 1700000300 },
    expect: allowed ? { decision: 'allow' } : { decision: 'deny', message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity' },
  };
  if (yaml) write(yamlValue([scenario], '  '));
  else write(`${i === 0 ? '' : ','}\n    ${JSON.stringify(scenario)}`);
}
write(yaml ? '\n' : `${count > 0 ? '\n  ' : ''}]\n}\n`);
flush();
