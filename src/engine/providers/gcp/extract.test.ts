import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyExtract, parseExtractTemplate } from './extract';

const extract = (value: string, template: string) => {
  const parsed = parseExtractTemplate(template);
  if (!parsed.ok) throw new Error(parsed.message);
  return applyExtract(value, parsed.template);
};

describe('extract()', () => {
  // Google's default AWS attribute mapping (Terraform docs for google_iam_workload_identity_pool_provider, gcp.md §1.3).
  it('reproduces the default AWS mapping pieces', () => {
    const arn = 'arn:aws:sts::999999999999:assumed-role/deploy-role/session-1';
    expect(extract(arn, '{account_arn}assumed-role/')).toBe('arn:aws:sts::999999999999:');
    expect(extract(arn, 'assumed-role/{role_name}/')).toBe('deploy-role');
  });

  // loicsikidi/wif-go pkg/compiler/functions/extract (no match → ''; whole-string template).
  it('returns the empty string when the prefix is absent, the whole string for {all}', () => {
    expect(extract('id/123', 'foo/{x}')).toBe('');
    expect(extract('id/123', '{all}')).toBe('id/123');
  });

  // gcp.md §1.3: a project_id template on a default project_path subject yields ''.
  it('returns the empty string when the suffix is absent after the prefix', () => {
    expect(extract('project_path:my-group/my-project:ref_type:branch', 'project_id:{id}:')).toBe('');
    expect(extract('project_path:my-group/my-project:ref_type:branch', 'project_path:{path}:')).toBe('my-group/my-project');
    expect(extract('a/b', 'a/{x}:')).toBe('');
  });

  it('uses the first occurrence of the prefix and of the suffix after it', () => {
    expect(extract('x=1;x=2;', 'x={v};')).toBe('1');
    expect(extract('octo/.github/workflows/deploy.yml@refs/heads/main', '/.github/workflows/{file}@')).toBe('deploy.yml');
  });

  it('refuses templates without exactly one placeholder', () => {
    expect(parseExtractTemplate('no placeholder').ok).toBe(false);
    expect(parseExtractTemplate('{a}{b}').ok).toBe(false);
    expect(parseExtractTemplate('{open').ok).toBe(false);
    expect(parseExtractTemplate('pre{x}post').ok).toBe(true);
  });

  // Property: agrees with an independent oracle built on lazy regular expressions.
  it('agrees with a regular-expression oracle', () => {
    const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const oracle = (value: string, prefix: string, suffix: string) => {
      const pattern = suffix === '' ? `^[\\s\\S]*?${escape(prefix)}([\\s\\S]*)$` : `^[\\s\\S]*?${escape(prefix)}([\\s\\S]*?)${escape(suffix)}`;
      const match = new RegExp(pattern).exec(value);
      return match ? match[1] : '';
    };
    const text = fc.string({ unit: fc.constantFrom('a', 'b', '/', ':', '@', 'é') , maxLength: 12 });
    fc.assert(
      fc.property(text, text, text, (value, prefix, suffix) => {
        expect(extract(value, `${prefix}{x}${suffix}`)).toBe(oracle(value, prefix, suffix));
      }),
      { numRuns: 2000 },
    );
  });
});
