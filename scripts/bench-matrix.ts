/**
 * The scenario matrix for `npm run bench`: 10,000 GitLab tokens (branches, tags, other projects)
 * judged under GitLab's documented AWS policy through `runMatrix`, the path the app's analysis
 * worker takes, each row explained with its deciding check. The app evaluates at most
 * MAX_MATRIX_ROWS rows per run, so the 10,000 go through in runs of that size. Printed, never asserted.
 */
import { exampleById } from '../src/engine/examples';
import { runMatrix } from '../src/engine/share/matrix-run';
import { MAX_MATRIX_ROWS, type MatrixEntry } from '../src/engine/share/matrix';

export function benchMatrix(): Array<[string, string]> {
  const example = exampleById('gitlab-aws-branch');
  if (!example) return [['scenario matrix', 'the gitlab-aws-branch example is missing']];
  const entries: MatrixEntry[] = Array.from({ length: 10_000 }, (_, index) => {
    const project = index % 3 === 0 ? 'other-group/other-project' : 'mygroup/myproject';
    const refType = index % 5 === 0 ? 'tag' : 'branch';
    const ref = index % 2 === 0 ? 'main' : `feature-${index}`;
    const claims = { ...example.claims, project_path: project, ref_type: refType, ref, sub: `project_path:${project}:ref_type:${refType}:ref:${ref}` };
    return { name: `token ${index}`, claims, at: example.at };
  });
  const configuration = { provider: example.provider, policy: example.policy, options: example.options };
  const times: number[] = [];
  let allowed = 0;
  for (let round = 0; round < 3; round++) {
    allowed = 0;
    const start = performance.now();
    for (let from = 0; from < entries.length; from += MAX_MATRIX_ROWS) {
      for (const row of runMatrix(configuration, entries.slice(from, from + MAX_MATRIX_ROWS))) if (row.result.decision === 'allow') allowed++;
    }
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return [['scenario matrix: 10,000 tokens, each row explained (median of 3)', `${times[1].toFixed(0)} ms (${allowed} allowed; goal ≤ 1 s)`]];
}
