import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCli as runCliInMemory } from '../../../test/support/memory-io';
import { loadScenarioFile } from '../../cli/scenarios';
import { exampleById, EXAMPLES } from '../examples';
import { MAX_MATRIX_ROWS, matrixScenarioFile, parseClaimLines, type MatrixEntry } from './matrix';
import { runMatrix } from './matrix-run';

const AT = 1_700_000_000;

/** The CLI in-process with in-memory files, its clock at 0 (every call here passes --at or a scenario `at`). */
const runCli = (argv: string[], files: Record<string, string>) => runCliInMemory(argv, files, '', () => 0);

const wildcard = exampleById('gitlab-aws-group-wildcard')!;
const wildcardDenied = exampleById('gitlab-aws-group-wildcard-denied')!;
const configuration = { provider: wildcard.provider, policy: wildcard.policy, options: wildcard.options };

describe('runMatrix', () => {
  it('gives each claim set the decision evaluate() gives it, with its deciding check', () => {
    // Both gallery tokens under the group wildcard policy (GitLab docs, "Configure OpenID Connect in AWS").
    const rows = runMatrix(configuration, [
      { name: 'subgroup project', claims: wildcard.claims, at: wildcard.at },
      { name: 'other group', claims: wildcardDenied.claims, at: wildcardDenied.at },
    ]);
    expect(rows.map((row) => [row.name, row.result.decision])).toEqual([
      ['subgroup project', wildcard.expect.decision],
      ['other group', wildcardDenied.expect.decision],
    ]);
    // The gallery's expected message is a part of the service's message.
    expect(rows[0].result.message).toContain(wildcard.expect.message);
    expect(rows[1].result.message).toContain(wildcardDenied.expect.message);
    expect(rows[1].decisive?.result).toBe('fail');
    expect(rows[1].decisive?.id).toBe(rows[1].result.checks.find((check) => check.decisive)?.id);
  });

  it(`evaluates at most ${MAX_MATRIX_ROWS} rows`, () => {
    const entries: MatrixEntry[] = Array.from({ length: MAX_MATRIX_ROWS + 5 }, (_, i) => ({ name: `n${i}`, claims: { sub: `s${i}` }, at: AT }));
    expect(runMatrix(configuration, entries)).toHaveLength(MAX_MATRIX_ROWS);
  });
});

describe('parseClaimLines', () => {
  it('reads one claim set per line, skipping blank lines, named by line number', () => {
    const parsed = parseClaimLines('{"sub": "a"}\n\n  {"sub": "b", "runner_id": 7}\r\n', AT);
    expect(parsed).toEqual({
      ok: true,
      truncated: false,
      entries: [
        { name: 'line 1', claims: { sub: 'a' }, at: AT },
        { name: 'line 3', claims: { sub: 'b', runner_id: 7 }, at: AT },
      ],
    });
  });

  it('names the first line that is not a claim object and reads nothing', () => {
    expect(parseClaimLines('{"sub": "a"}\n{"sub": ', AT)).toMatchObject({ ok: false, line: 2, message: expect.stringMatching(/^Line 2 is not valid JSON/) });
    expect(parseClaimLines('{"sub": "a"}\n["sub"]', AT)).toEqual({ ok: false, line: 2, message: 'Line 2 is not a JSON object of claims.' });
    expect(parseClaimLines('"text"', AT)).toMatchObject({ ok: false, line: 1 });
    let deep: unknown = 1;
    for (let i = 0; i < 70; i++) deep = { d: deep };
    expect(parseClaimLines(JSON.stringify(deep), AT)).toMatchObject({ ok: false, message: expect.stringContaining('nested deeper') });
  });

  it('says when a list is longer than a matrix holds', () => {
    const parsed = parseClaimLines(Array.from({ length: MAX_MATRIX_ROWS + 1 }, (_, i) => `{"n": ${i}}`).join('\n'), AT);
    expect(parsed.ok && parsed.truncated).toBe(true);
    expect(parsed.ok && parsed.entries.length).toBe(MAX_MATRIX_ROWS);
  });

  it('never throws on arbitrary text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const parsed = parseClaimLines(text, AT);
        if (parsed.ok) for (const entry of parsed.entries) expect(typeof entry.claims).toBe('object');
        else expect(parsed.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('matrixScenarioFile', () => {
  it('holds every row as a scenario the CLI loads back', () => {
    const rows = runMatrix({ ...configuration, options: { flavour: 'x' } }, [
      { name: 'subgroup project', claims: wildcard.claims, at: wildcard.at },
      { name: 'other group', claims: wildcardDenied.claims, at: wildcardDenied.at + 60 },
    ]);
    const loaded = loadScenarioFile(matrixScenarioFile({ ...configuration, options: { flavour: 'x' } }, rows), 'matrix.yaml');
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.scenarios.map((s) => [s.name, s.provider, s.policyText, JSON.parse(s.tokenText), s.at, s.options, s.expect])).toEqual(
      rows.map((row) => [row.name, 'aws', wildcard.policy, row.claims, row.at, { flavour: 'x' }, { decision: row.result.decision, message: row.result.message }]),
    );
  });

  it('passes `trustlens test` for the gallery tokens of each provider under each configuration of that provider', async () => {
    for (const example of EXAMPLES) {
      const entries = EXAMPLES.filter((other) => other.provider === example.provider).map((other) => ({ name: other.id, claims: other.claims, at: other.at }));
      const file = matrixScenarioFile(example, runMatrix({ provider: example.provider, policy: example.policy, options: example.options }, entries));
      const run = await runCli(['test', 'matrix.yaml'], { 'matrix.yaml': file });
      expect(run.stdout, file).toContain(`${entries.length} passed, 0 failed`);
      expect(run.code).toBe(0);
    }
  });

  it('fails `trustlens test` when a row expects another decision', async () => {
    const [row] = runMatrix(configuration, [{ name: 'other group', claims: wildcardDenied.claims, at: wildcardDenied.at }]);
    const wrong = matrixScenarioFile(configuration, [{ ...row, result: { ...row.result, decision: 'allow' } }]);
    const run = await runCli(['test', 'wrong.yaml'], { 'wrong.yaml': wrong });
    expect(run.stdout).toContain('0 passed, 1 failed');
    expect(run.code).toBe(1);
  });
});

describe('matrixScenarioFile with exposure witnesses', () => {
  it('expects an attacker witness to be refused, with a comment naming its axis, so CI does not enforce the hole', async () => {
    // The witness gets in today (allow): the exported test must fail until the configuration refuses it.
    const [row] = runMatrix(configuration, [{ name: 'a project in a subgroup', claims: wildcard.claims, at: wildcard.at, witnessAxis: 'subgroup' }]);
    expect(row.result.decision).toBe('allow');
    const file = matrixScenarioFile(configuration, [row]);
    expect(file).toContain('# axis subgroup: a token nobody meant to let in; today it gets allow');
    const loaded = loadScenarioFile(file, 'matrix.yaml');
    expect(loaded.ok).toBe(true);
    if (loaded.ok) expect(loaded.scenarios[0].expect).toEqual({ decision: 'deny' });
    const run = await runCli(['test', 'matrix.yaml'], { 'matrix.yaml': file });
    expect(run.stdout).toContain('0 passed, 1 failed');
  });
});
