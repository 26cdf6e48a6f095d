// Terraform read before HashiCorp's parser has loaded (the page's worker does this so the first
// verdict does not wait for the parser): the same conversion, marked `unchecked` exactly where the
// parser would have double-checked the text. Text: fixtures/own/iac/IAC-001.json (cites the
// aws_iam_role registry page and GitHub's AWS trust policy).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadHclLibrary } from './hcl-library';
import { convertTerraform } from './terraform';

const ROLE = (JSON.parse(readFileSync(join(import.meta.dirname, '../../../fixtures/own/iac/IAC-001.json'), 'utf8')) as { policy: string }).policy;

describe('Terraform before its parser', () => {
  it('converts as with the parser, and says the parser has not checked it yet', async () => {
    const before = convertTerraform(ROLE, null, {});
    const after = convertTerraform(ROLE, await loadHclLibrary(), {});
    expect(before.ok && after.ok).toBe(true);
    expect(before.unchecked).toBe(true);
    expect(after.unchecked).toBeUndefined();
    expect({ ...before, unchecked: undefined }).toEqual({ ...after, unchecked: undefined });
  }, 60_000);

  it('a problem trustlens finds itself is final: nothing is left to check', () => {
    const broken = ROLE.replace('Effect    = "Allow"', 'Effect    = = "Allow"');
    const outcome = convertTerraform(broken, null, {});
    expect(outcome.ok).toBe(false);
    expect(outcome.unchecked).toBeUndefined();
  });

  it('past the size the parser checks, the reading is complete without it', () => {
    const padded = `${ROLE}\n${Array.from({ length: 2_000 }, (_, i) => `variable "v${i}" {\n  default = "${'x'.repeat(20)}"\n}`).join('\n')}\n`;
    expect(padded.length).toBeGreaterThan(50_000);
    const outcome = convertTerraform(padded, null, {});
    expect(outcome.ok).toBe(true);
    expect(outcome.unchecked).toBeUndefined();
  });
});
