// The page places Terraform text by the trust resources it declares, without the HCL library; the
// CLI and the worker convert it. Both must name the same provider wherever the conversion names one.
// Texts: the Terraform acceptance cases in fixtures/own/iac (each cites its registry page).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { detectProvider as detectConverted } from '../evaluate';
import { detectProvider as detectByShape } from '../providers/detect-faces';
import { detectIacFormat, loadIacReaders } from './index';
import { terraformProvidersByShape } from './terraform-shape';

const DIR = join(import.meta.dirname, '../../../fixtures/own/iac');
const cases = readdirSync(DIR)
  .filter((file) => file.endsWith('.json'))
  .map((file) => ({ file, ...(JSON.parse(readFileSync(join(DIR, file), 'utf8')) as { provider: string; policy: string }) }))
  .filter((c) => detectIacFormat(c.policy) === 'terraform' && !c.policy.trimStart().startsWith('{'));

beforeAll(async () => {
  await loadIacReaders('resource "aws_iam_role" "x" {}');
}, 60_000);

describe('Terraform placed by its resource types', () => {
  it('has Terraform cases for every provider to compare', () => {
    expect(new Set(cases.map((c) => c.provider))).toEqual(new Set(['aws', 'vault', 'gcp', 'azure']));
  });

  it.each(cases.map((c) => [c.file, c] as const))('%s: the provider of the converted text, without converting', (_file, c) => {
    const converted = detectConverted(c.policy);
    expect(detectByShape(c.policy)).toEqual({ ok: true, provider: c.provider });
    // Converting names no provider only when it must choose between resources; the page still places the text.
    if (converted.ok) expect(converted.provider).toBe(c.provider);
    else expect(converted.message).toContain('several trust configurations');
  });

  it('several roles of one provider belong to it; resources of two providers are ambiguous', () => {
    const role = (name: string) => `resource "aws_iam_role" "${name}" {\n  assume_role_policy = "{}"\n}\n`;
    expect(detectByShape(`${role('a')}${role('b')}`)).toEqual({ ok: true, provider: 'aws' });
    const both = `${role('a')}resource "azurerm_federated_identity_credential" "c" {\n  issuer = "https://token.actions.githubusercontent.com"\n}\n`;
    expect(terraformProvidersByShape(both)).toEqual(['aws', 'azure']);
    expect(detectByShape(both).ok).toBe(false);
  });

  it('counts only top-level resource and data blocks', () => {
    const nested = `module "ci" {\n  source = "./ci"\n  resource "aws_iam_role" "x" {}\n}\nresource "aws_iam_role_policy" "p" {\n  role = "x"\n}\n`;
    expect(terraformProvidersByShape(nested)).toEqual([]);
    expect(detectByShape(nested).ok).toBe(false);
  });

  it('a module call is placed by its literal source when trustlens follows that module', () => {
    const call = (source: string) => `module "ci" {\n  source  = ${source}\n  version = "5.60.0"\n}\n`;
    expect(terraformProvidersByShape(call('"terraform-aws-modules/iam/aws//modules/iam-github-oidc-role"'))).toEqual(['aws']);
    expect(terraformProvidersByShape(call('"registry.terraform.io/terraform-google-modules/github-actions-runners/google//modules/gh-oidc"'))).toEqual(['gcp']);
    expect(terraformProvidersByShape(call('"github.com/terraform-aws-modules/terraform-aws-iam//modules/iam-role?ref=v6.2.0"'))).toEqual(['aws']);
    // Not followed: another module of the same registry namespace, and a source built from a variable.
    expect(terraformProvidersByShape(call('"terraform-aws-modules/iam/aws//modules/iam-user"'))).toEqual([]);
    expect(terraformProvidersByShape(call('"${var.base}//modules/iam-github-oidc-role"'))).toEqual([]);
  });
});
