/**
 * Terraform / CloudFormation policies on the command line: `--resource TYPE.NAME` picks the
 * resource, `--var NAME=VALUE` (repeatable) fills a variable or placeholder. Both travel to the
 * engine as options; the HCL reader is loaded before evaluating when the policy is Terraform.
 */
import { convertIac, detectIacFormat, loadIacReaders, RESOURCE_OPTION, VAR_OPTION_PREFIX, type ConversionOutcome } from '../engine/inputs/index';
import type { ProviderId } from '../engine/result';

export const IAC_FLAGS = ['resource', 'var'] as const;
export const IAC_USAGE = '[--resource TYPE.NAME] [--var NAME=VALUE]...';
export const IAC_HELP = [
  '  --policy also takes Terraform / OpenTofu text (aws_iam_role, data "aws_iam_policy_document", vault_jwt_auth_backend_role,',
  '  google_iam_workload_identity_pool_provider, azuread_/azurerm_ federated identity credentials) or a CloudFormation template',
  '  (YAML or JSON) with an AWS::IAM::Role, recognised by content. --resource picks one when there are several;',
  '  --var NAME=VALUE (repeatable) fills a variable or placeholder (var.x or x, AWS::AccountId, project_number, …).',
].join('\n');

/** The options the IaC flags set, or an error naming the malformed flag. */
export function iacOptions(resource: string | undefined, vars: string[]): Record<string, string> | { error: string } {
  const options: Record<string, string> = {};
  if (resource !== undefined) options[RESOURCE_OPTION] = resource;
  for (const assignment of vars) {
    const eq = assignment.indexOf('=');
    if (eq <= 0) return { error: `--var takes NAME=VALUE, not ${assignment}` };
    options[`${VAR_OPTION_PREFIX}${assignment.slice(0, eq).trim()}`] = assignment.slice(eq + 1);
  }
  return options;
}

export async function preparePolicy(policyText: string): Promise<void> {
  await loadIacReaders(policyText);
}

function signature(outcome: ConversionOutcome): string {
  return outcome.ok ? JSON.stringify([outcome.conversion.text, outcome.conversion.placeholders.map((p) => p.name)]) : `error: ${outcome.message}`;
}

/**
 * The `--var` names that change nothing: the text converts to the same configuration, with the
 * same placeholders, with or without them. A misspelt name would otherwise be accepted silently
 * while the value it was meant for stays unresolved or at its default. 
 */
export async function unusedVars(policyText: string, options: Record<string, string>, provider: ProviderId | null = null): Promise<string[]> {
  const names = Object.keys(options).filter((key) => key.startsWith(VAR_OPTION_PREFIX)).map((key) => key.slice(VAR_OPTION_PREFIX.length));
  if (names.length === 0) return [];
  const format = detectIacFormat(policyText);
  // Only Terraform and CloudFormation have placeholders: a JSON or HCL-less policy uses none.
  if (!format) return names;
  await preparePolicy(policyText);
  const resource = options[RESOURCE_OPTION];
  const vars = Object.fromEntries(names.map((name) => [name, options[`${VAR_OPTION_PREFIX}${name}`]]));
  const all = signature(convertIac(policyText, format, { resource, provider, vars }));
  return names.filter((name) => {
    const without = { ...vars };
    delete without[name];
    return signature(convertIac(policyText, format, { resource, provider, vars: without })) === all;
  });
}

/** One warning line per unused `--var`, for standard error. */
export function unusedVarWarnings(names: string[]): string {
  return names.map((name) => `trustlens: warning: --var ${name}=… is not used: no placeholder or variable of the configuration is named ${name}\n`).join('');
}
