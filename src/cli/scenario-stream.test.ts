/**
 * Streamed scenario files read exactly as whole ones: the same scenarios, the same errors, the
 * same output, with the first scenario available before the file has been read to its end.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { CliIO } from './io';
import { OutputSpool } from './output-spool';
import { ScenarioDecider } from './scenario-decide';
import { streamScenarios } from './scenario-stream';
import { loadScenarioFile, type Scenario } from './scenarios';
import { testCommand } from './test-command';
import { changed, collect, gatedFile, POLICY, run } from '../../test/support/scenario-stream';

const claimsArb = fc.record({
  iss: fc.constantFrom('https://gitlab.com', 'https://evil.example'),
  sub: fc.constantFrom('project_path:g/p:ref_type:branch:ref:main', 'project_path:g/p:ref_type:tag:ref:v1', 'project_path:h/p:ref_type:branch:ref:main'),
  aud: fc.constant('https://gitlab.com'),
  iat: fc.constant(1700000000),
  exp: fc.constantFrom(1700000300, 1600000000),
  extra: fc.oneof(fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant('__proto__'), fc.constant('\u00e9\u2028"\\')),
});

const scenarioArb = fc.record(
  {
    name: fc.oneof(fc.string(), fc.constant('caf\u00e9 \u{1F600} \\"q"')),
    claims: claimsArb,
    at: fc.oneof(fc.constant(1700000100), fc.constant('2023-11-14T22:15:00Z')),
    expect: fc.record({ decision: fc.constantFrom('allow', 'deny', 'error'), message: fc.constantFrom('Not authorized', 'granted', 'expired') }, { requiredKeys: ['decision'] }),
    provider: fc.constant('aws'),
    options: fc.dictionary(fc.constantFrom('a', 'b'), fc.string(), { maxKeys: 2 }),
  },
  { requiredKeys: ['claims', 'expect'] },
);

const fileArb = fc.record({
  header: fc.record({ provider: fc.constant('aws'), at: fc.constant(1700000100), options: fc.constant({ x: '1' }) }, { requiredKeys: [] }),
  scenarios: fc.array(scenarioArb, { maxLength: 5 }),
  indent: fc.constantFrom(0, 1, 2, '\t'),
  /** Numbers written as lexemes the configuration keeps (`22.0`). */
  lexeme: fc.boolean(),
});

type FileShape = typeof fileArb extends fc.Arbitrary<infer T> ? T : never;

function writeFile({ header, scenarios, indent, lexeme }: FileShape): string {
  const text = JSON.stringify({ ...header, policy: lexeme ? '@POLICY@' : POLICY, scenarios }, null, indent);
  return lexeme ? text.replace('"@POLICY@"', JSON.stringify({ ...POLICY, Extra: 22 }).replace('22', '22.0')) : text;
}

describe('streamed scenario files', () => {
  it('yield the scenarios the whole-file reader gives, cut into any pieces', async () => {
    await fc.assert(
      fc.asyncProperty(fileArb, fc.array(fc.integer({ min: 1, max: 200 }), { maxLength: 4 }), async (file, sizes) => {
        const text = writeFile(file);
        const whole = loadScenarioFile(text, 'f.json');
        const streamed = await collect(text, sizes);
        if (!whole.ok) {
          expect(streamed.end).toBe('whole');
          return;
        }
        expect(streamed.end).toBe('done');
        expect(streamed.scenarios).toEqual(whole.scenarios);
      }),
      { numRuns: 300 },
    );
  });

  it('leave files of other shapes to the whole-file reader: keys after the list, a repeated key, YAML, a single case', async () => {
    const policy = JSON.stringify(POLICY);
    for (const text of [
      `{"scenarios": [], "policy": ${policy}}`,
      `{"policy": ${policy}, "policy": ${policy}, "scenarios": []}`,
      `policy: ${policy}\nscenarios: []\n`,
      `{"policy": ${policy}, "claims": {}, "expect": {"decision": "deny"}}`,
      `{"policy": ${policy}, "scenarios": [{"claims": {}, "expect": {"decision": "deny"}},]}`,
    ]) {
      expect((await collect(text, [7])).end).toBe('whole');
    }
  });

  it('give the same output, exit status and error as the whole-file reader, broken files included', async () => {
    await fc.assert(
      fc.asyncProperty(fileArb, fc.nat(), fc.constantFrom('cut', 'drop', 'insert'), fc.constantFrom('{', '}', ',', '"', ']', ':', 'x', '\\'), fc.constantFrom('text', 'json'), async (file, where, how, char, format) => {
        const valid = writeFile(file);
        const text = changed(valid, where, how, char);
        const argv = ['test', 'f.json', '--format', format];
        const streamed = await run(argv, { 'f.json': text }, true);
        const whole = await run(argv, { 'f.json': text }, false);
        expect(streamed).toEqual(whole);
        expect(streamed.stderr).not.toContain('internal error');
        if (streamed.code === 2) {
          expect(streamed.stdout).toBe('');
          expect(streamed.stderr.trim().split('\n')).toHaveLength(1);
        }
      }),
      { numRuns: 120 },
    );
  }, 120_000);

  it('locates a JSON file cut short by line and column', async () => {
    const text = JSON.stringify({ provider: 'aws', policy: POLICY, scenarios: [{ claims: { sub: 'x' }, expect: { decision: 'deny' } }] }, null, 2);
    const result = await run(['test', 'f.json'], { 'f.json': text.slice(0, -10) }, true);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^trustlens: f\.json: .*line \d+, column \d+/);
  });

  it('yields the first scenario before the file has been read to its end', async () => {
    const slow = gatedFile(
      `{"provider": "aws", "policy": ${JSON.stringify(POLICY)}, "scenarios": [{"name": "first", "claims": {"sub": "a"}, "expect": {"decision": "deny"}},`,
      `{"name": "second", "claims": {"sub": "b"}, "expect": {"decision": "deny"}}]}`,
    );
    const stream = streamScenarios(slow.file, 'f.json');
    const first = await stream.next();
    expect(first.done).toBe(false);
    expect((first.value as Scenario).name).toBe('first');
    expect(slow.ended()).toBe(false);
    slow.release();
    expect(((await stream.next()).value as Scenario).name).toBe('second');
    expect(await stream.next()).toEqual({ done: true, value: 'done' });
  });

  it('print JSON output exactly as JSON.stringify(…, null, 2) of the whole report', async () => {
    const text = JSON.stringify({
      provider: 'aws',
      at: 1700000100,
      policy: POLICY,
      scenarios: [
        { name: 'main', claims: { iss: 'https://gitlab.com', sub: 'project_path:g/p:ref_type:branch:ref:main', aud: 'https://gitlab.com', iat: 1700000000, exp: 1700000300 }, expect: { decision: 'allow' } },
        { name: 'tag', claims: { iss: 'https://gitlab.com', sub: 'project_path:g/p:ref_type:tag:ref:v1', aud: 'https://gitlab.com', iat: 1700000000, exp: 1700000300 }, expect: { decision: 'allow', message: ['x', 'y'] } },
      ],
    });
    for (const files of [{ 'f.json': text }, { 'f.json': JSON.stringify({ policy: POLICY, scenarios: [] }) }]) {
      const result = await run(['test', 'f.json', '--format', 'json'], files, true);
      expect(result.stdout).toBe(`${JSON.stringify(JSON.parse(result.stdout), null, 2)}\n`);
    }
  });
});

describe('the output spool', () => {
  it('gives back what was pushed, in order, after spilling to a file and going back to a mark', async () => {
    const spool = new OutputSpool(16);
    spool.push('PASS caf\u00e9 \u{1F600}\n');
    const mark = spool.mark();
    for (let i = 0; i < 50; i++) spool.push(`line ${i} \u00e9\n`);
    spool.reset(mark);
    spool.push('FAIL b\n');
    let out = '';
    await spool.drain((text) => void (out += text));
    expect(out).toBe('PASS caf\u00e9 \u{1F600}\nFAIL b\n');
    spool.dispose();
  });
});

describe('compiled decisions in scenario runs', () => {
  it('answer every acceptance case with the decision and message of the traced evaluation', async () => {
    const decider = new ScenarioDecider();
    let compared = 0;
    for (const root of ['cases', 'own'].map((folder) => join(import.meta.dirname, '../../fixtures', folder)))
    for (const provider of readdirSync(root)) {
      for (const name of readdirSync(join(root, provider)).filter((n) => n.endsWith('.json'))) {
        const loaded = loadScenarioFile(readFileSync(join(root, provider, name), 'utf8'), name);
        if (!loaded.ok) continue;
        for (const scenario of loaded.scenarios) {
          if (scenario.policyFile !== undefined || scenario.expect.decision === undefined) continue;
          const request = {
            policyText: scenario.policyText,
            policyName: 'policy',
            tokenText: scenario.tokenText,
            tokenName: 'token',
            tokenKind: scenario.tokenKind,
            provider: scenario.provider,
            at: scenario.at ?? 1_700_000_000,
            options: scenario.options,
          };
          expect(await decider.decide(request), `${provider}/${name}`).toEqual(await decider.explain(request));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(140);
  }, 120_000);
});

describe('progress', () => {
  it('is redrawn on the progress line once a run passes a second, cleared at the end, and never on standard output', async () => {
    const scenario = { claims: { iss: 'https://gitlab.com', sub: 'project_path:g/p:ref_type:branch:ref:main', aud: 'https://gitlab.com', iat: 1700000000, exp: 1700000300 }, expect: { decision: 'allow' } };
    const text = JSON.stringify({ provider: 'aws', at: 1700000100, policy: POLICY, scenarios: Array.from({ length: 600 }, () => scenario) });
    let clock = 0;
    // Every reading of the clock is a second later: the run is "long" from its first scenarios.
    const now = vi.spyOn(Date, 'now').mockImplementation(() => (clock += 1000));
    try {
      const lines: Array<string | null> = [];
      let stdout = '';
      const io: CliIO = {
        stdout: (t) => void (stdout += t),
        stderr: () => undefined,
        readFile: async () => text,
        readStdin: async () => '',
        now: () => 1_700_000_100_000,
        progress: (line) => void lines.push(line),
      };
      expect(await testCommand(['f.json'], io)).toBe(0);
      expect(lines).toEqual(['256 scenarios…', '512 scenarios…', null]);
      expect(stdout).not.toContain('scenarios…');
      expect(stdout.trim().split('\n').at(-1)).toBe('600 passed, 0 failed');
    } finally {
      now.mockRestore();
    }
  });
});
