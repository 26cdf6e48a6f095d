import fc from 'fast-check';
import { base64url } from 'jose';
import { describe, expect, it } from 'vitest';
import { escapeCell, fencedBlock, markdownReport, valueCell } from './report';
import type { EvaluationResult } from './result';
import { decodeToken } from './token';

const AT = 1_700_000_000;
const POLICY = '{\n  "Statement": [{ "Condition": { "StringLike": { "gitlab.com:sub": "project_path:g/*:ref_type:branch:ref:main" } } }]\n}';

const RESULT: EvaluationResult = {
  provider: 'aws',
  decision: 'deny',
  message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity',
  checks: [
    { id: 'token.signature', label: 'Token signature', result: 'skip', reason: 'No key material was given.' },
    {
      id: 'statement[0].condition.StringLike.gitlab.com:sub',
      label: 'StringLike gitlab.com:sub | pattern',
      result: 'fail',
      expected: 'project_path:g/*:ref_type:branch:ref:main',
      actual: 'project_path:g/p:ref_type:tag:ref:v1',
      reason: 'The pattern wants ref_type:branch;\nthe token says tag.',
      source: { line: 2, column: 60, endLine: 2, endColumn: 100 },
      decisive: true,
    },
    { id: 'statement[0].aud', label: 'Audience', result: 'pass', expected: ['sts.amazonaws.com'], actual: 'sts.amazonaws.com', reason: 'Matches.', source: { line: 1, column: 1, endLine: 3, endColumn: 2 } },
  ],
  findings: [
    { id: 'aws.sub-wildcard-group', severity: 'high', message: 'The sub pattern lets every project in group g in.', reference: 'https://docs.gitlab.com/ci/cloud_services/aws/', source: { line: 2, column: 60, endLine: 2, endColumn: 100 } },
    { id: 'aws.note', severity: 'info', message: 'A note without a reference.' },
  ],
  details: {},
};

/** The cells of a GFM table row, honouring backslash escapes (so `\|` stays inside a cell). */
function cellsOf(row: string): string[] {
  const cells: string[] = [];
  let current = '';
  for (let i = 0; i < row.length; i++) {
    if (row[i] === '\\') {
      current += row.slice(i, i + 2);
      i++;
    } else if (row[i] === '|') {
      cells.push(current.trim());
      current = '';
    } else {
      current += row[i];
    }
  }
  cells.push(current.trim());
  return cells.slice(1, -1);
}

function tableRows(markdown: string, heading: string): string[] {
  const section = markdown.split(`## ${heading}\n\n`)[1].split('\n\n')[0];
  return section.split('\n').slice(2);
}

describe('markdownReport', () => {
  const report = markdownReport({ provider: 'aws', policy: POLICY, claims: { sub: 'project_path:g/p:ref_type:tag:ref:v1' }, at: AT, result: RESULT });

  it('opens with the decision, the evaluation time and the service message', () => {
    expect(report.startsWith('# trustlens report: DENY\n')).toBe(true);
    expect(report).toContain('- **Decision:** deny');
    expect(report).toContain('- **Evaluated at:** 2023-11-14T22:13:20Z (Unix 1700000000)');
    expect(report).toContain('## Service message\n\n```text\nNot authorized to perform sts:AssumeRoleWithWebIdentity\n```');
    expect(report).not.toContain('Report generated');
    expect(markdownReport({ provider: 'aws', policy: POLICY, claims: null, at: AT, result: RESULT, generatedAt: AT + 60 })).toContain('- **Report generated:** 2023-11-14T22:14:20Z');
  });

  it('has one table row per check, with every column, escaped', () => {
    const rows = tableRows(report, 'Checks');
    expect(rows).toHaveLength(RESULT.checks.length);
    for (const row of rows) expect(cellsOf(row)).toHaveLength(7);
    expect(cellsOf(rows[0])).toEqual(['1', 'skip', 'Token signature', '—', '—', 'No key material was given.', '—']);
    expect(cellsOf(rows[1])).toEqual([
      '2',
      '**fail** (decisive)',
      'StringLike gitlab.com:sub \\| pattern',
      '`project_path:g/*:ref_type:branch:ref:main`',
      '`project_path:g/p:ref_type:tag:ref:v1`',
      'The pattern wants ref\\_type:branch;<br>the token says tag.',
      '2',
    ]);
    expect(cellsOf(rows[2])).toEqual(['3', 'pass', 'Audience', '`["sts.amazonaws.com"]`', '`sts.amazonaws.com`', 'Matches.', '1–3']);
  });

  it('lists findings with severity and reference', () => {
    const rows = tableRows(report, 'Findings');
    expect(rows.map(cellsOf)).toEqual([
      ['high', 'The sub pattern lets every project in group g in.', '<https://docs.gitlab.com/ci/cloud_services/aws/>', '2'],
      ['info', 'A note without a reference.', '—', '—'],
    ]);
    expect(markdownReport({ provider: 'aws', policy: POLICY, claims: null, at: AT, result: { ...RESULT, findings: [] } })).toContain('## Findings\n\nNone.');
  });

  it('quotes the configuration and the claims in fenced blocks', () => {
    expect(report).toContain(`## Trust configuration\n\n\`\`\`json\n${POLICY}\n\`\`\``);
    expect(report).toContain('## Token claims\n\nDecoded claims only; no token or signature is included.\n\n```json\n{\n  "sub": "project_path:g/p:ref_type:tag:ref:v1"\n}\n```');
    expect(markdownReport({ provider: 'vault', policy: 'vault write auth/jwt/role/x', claims: null, at: AT, result: RESULT })).toContain(
      '```text\nvault write auth/jwt/role/x\n```\n\n## Token claims\n\nNo claims: the token did not decode.',
    );
  });

  it('never carries the signature of the token the claims came from', () => {
    const signature = 'c2lnbmF0dXJlLWJ5dGVzLXRoYXQtbXVzdC1ub3QtbGVhaw';
    const compact = `${base64url.encode('{"alg":"RS256"}')}.${base64url.encode('{"sub":"s","aud":"a"}')}.${signature}`;
    const decoded = decodeToken(compact);
    if (!decoded.ok) throw new Error(decoded.error.message);
    const text = markdownReport({ provider: 'aws', policy: POLICY, claims: decoded.token.claims, at: AT, result: RESULT });
    expect(text).not.toContain(signature);
    expect(text).not.toContain(compact.split('.')[1]);
  });
});

describe('Markdown escaping', () => {
  it('escapes pipes, newlines and Markdown punctuation in text cells', () => {
    expect(escapeCell('a|b\nc\r\nd')).toBe('a\\|b<br>c<br>d');
    expect(escapeCell('repo:org/*:ref:*')).toBe('repo:org/\\*:ref:\\*');
    expect(escapeCell('[x](http://e) <b> `c` \\')).toBe('\\[x\\](http\\://e) \\<b\\> \\`c\\` \\\\');
  });

  it('writes values as code spans that survive backticks, pipes and newlines', () => {
    expect(valueCell('a|b')).toBe('`a\\|b`');
    expect(valueCell('has ` tick')).toBe('``has ` tick``');
    expect(valueCell('`edge`')).toBe('`` `edge` ``');
    expect(valueCell('one\ntwo')).toBe('`one`<br>`two`');
    expect(valueCell('back\\|slash')).toBe('back\\\\\\|slash');
    expect(valueCell('')).toBe('(empty)');
    expect(valueCell(undefined)).toBe('—');
    expect(valueCell({ a: [1, 'x'] })).toBe('`{"a":[1,"x"]}`');
  });

  it('sizes fences beyond any backtick run in the content', () => {
    expect(fencedBlock('a ``` b', 'text')).toBe('````text\na ``` b\n````');
    expect(fencedBlock('x\n', 'json')).toBe('```json\nx\n```');
  });

  it('keeps every check on one row with seven cells, whatever its text (property)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', '|', '\\', '`', '\n', '\r', ' ', '*', '<', '>', '_', '[', ']'), maxLength: 30 });
    fc.assert(
      fc.property(text, text, text, text, (label, reason, expected, actual) => {
        const result: EvaluationResult = { ...RESULT, checks: [{ id: 'c', label, reason, expected, actual, result: 'fail' }], findings: [] };
        const rows = tableRows(markdownReport({ provider: 'aws', policy: POLICY, claims: null, at: AT, result }), 'Checks');
        expect(rows).toHaveLength(1);
        expect(cellsOf(rows[0])).toHaveLength(7);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('a report of hostile claim values renders no link or image', () => {
  // Rendered with marked (GFM), the renderer behind Monaco's hovers, as the oracle.
  it('links, images, HTML and bare URLs in claim values stay text', async () => {
    const { marked } = await import('marked');
    const hostile = 'x` [verify](http://attacker.example/login) ` ![](data:image/png;base64,AAAA) https://attacker.example www.attacker.example me@attacker.example <img src=x>';
    const check = { ...RESULT.checks[1], label: hostile, expected: hostile, actual: hostile, reason: `sub is ${hostile}` };
    const report = markdownReport({
      provider: 'aws',
      policy: hostile,
      claims: { sub: hostile },
      at: AT,
      result: { ...RESULT, message: hostile, checks: [check], findings: [{ id: 'x', severity: 'high', message: hostile, reference: hostile }] },
    });
    const html = marked.parse(report, { async: false, gfm: true }) as string;
    expect(html).not.toMatch(/<a |<img/);
  });

  it('property: no claim value makes the report render a link or an image', async () => {
    const { marked } = await import('marked');
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii' }), fc.constantFrom('https://e.example', 'www.e.example', 'a@e.example', '[t](http://e)', '![](data:x)', '<a href=x>'), (noise, link) => {
        const value = `${noise}${link}${noise}`;
        const check = { ...RESULT.checks[1], label: value, reason: value, expected: value, actual: value };
        const report = markdownReport({ provider: 'aws', policy: value, claims: { sub: value }, at: AT, result: { ...RESULT, message: value, checks: [check], findings: [{ id: 'x', severity: 'low', message: value }] } });
        expect(marked.parse(report, { async: false, gfm: true }) as string).not.toMatch(/<a |<img/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('markdownReport: who else gets in and compare', () => {
  const exposure = {
    provider: 'aws' as const,
    grade: 'broad' as const,
    reach: 'organization' as const,
    summary: ['project_path: any project under g/'],
    opaque: ['a condition on aws:SourceIp (line 3)'],
    witnesses: [
      { axis: 'other-project', label: 'another project in g', claims: { sub: 'project_path:g/other:ref_type:branch:ref:main', project_path: 'g/other' }, at: '2023-11-14T22:13:20Z', decision: 'allow' as const, message: 'ok', changed: ['project_path', 'sub'], reach: 'organization' as const, via: { label: 'the 1st statement', line: 4 } },
    ],
  };

  it('adds the grade, what the configuration admits and each witness with its axis', () => {
    const report = markdownReport({ provider: 'aws', policy: POLICY, claims: null, at: AT, result: RESULT, exposure });
    expect(report).toContain('## Who else gets in');
    expect(report).toContain('**Grade:** broad (reach: organization) — 1 other token gets in');
    expect(report).toContain('- project\\_path: any project under g/');
    expect(report).toContain('| `other-project` | another project in g | organization | the 1st statement (line 4) | allow | project\\_path: `g/other`<br>sub: `project_path:g/other:ref_type:branch:ref:main` |');
    expect(report).toContain('Not analysed:');
    // The section sits before the configuration it describes.
    expect(report.indexOf('## Who else gets in')).toBeLessThan(report.indexOf('## Trust configuration'));
  });

  it('adds the earlier configuration, this token under both and what the change lets in', () => {
    const before = '{\n  "Statement": []\n}';
    const diff = {
      provider: 'aws' as const,
      reach: { before: 'protected' as const, after: 'repository' as const },
      broadened: [{ axis: 'other-branch', label: 'any other branch', claims: { sub: 'project_path:g/p:ref_type:branch:ref:dev' }, at: '2023-11-14T22:13:20Z', before: 'deny' as const, after: 'allow' as const }],
      narrowed: [],
      unchanged: 4,
    };
    const report = markdownReport({ provider: 'aws', policy: POLICY, claims: null, at: AT, result: RESULT, comparison: { before, beforeResult: { ...RESULT, decision: 'allow' }, diff } });
    expect(report).toContain('## Compared with an earlier version');
    expect(report).toContain('- **This token:** allow before, deny now');
    expect(report).toContain('- **The change:** 1 token let in that were refused before, 0 now refused, 4 unchanged');
    expect(report).toContain('### Now let in (refused before)');
    expect(report).toContain('| `other-branch` | any other branch | deny → allow | `project_path:g/p:ref_type:branch:ref:dev` |');
    expect(report).toContain(fencedBlock(before, 'json'));
  });

  it('leaves both out when there is neither', () => {
    const report = markdownReport({ provider: 'aws', policy: POLICY, claims: null, at: AT, result: RESULT });
    expect(report).not.toContain('Who else gets in');
    expect(report).not.toContain('Compared with');
  });
});
