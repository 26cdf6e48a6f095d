/**
 * Terraform / CloudFormation policies on the command line: `--resource TYPE.NAME` picks the
 * resource, `--var NAME=VALUE` (repeatable) fills a variable or placeholder. Both travel to the
 * engine as options; the HCL reader is loaded before evaluating when the policy is Terraform.
 */
import { convertIac, detectIacFormat, loadIacReaders, RESOURCE_OPTION, VAR_OPTION_PREFIX, type ConversionOutcome } from '../engine/inputs/index';
import { tfvarsAssignments } from '../engine/inputs/tfvars';
import type { ProviderId } from '../engine/result';

export const IAC_FLAGS = ['resource', 'var', 'var-file'] as const;
/** The IaC flags that may be given more than once. */
export const IAC_REPEATED = ['var', 'var-file'];
export const IAC_USAGE = '[--resource TYPE.NAME] [--var NAME=VALUE]... [--var-file FILE.tfvars]...';
export const IAC_HELP = [
  '  --policy also takes Terraform / OpenTofu text (aws_iam_role, data "aws_iam_policy_document", vault_jwt_auth_backend_role,',
  '  google_iam_workload_identity_pool_provider, azuread_/azurerm_ federated identity credentials) or a CloudFormation template',
  '  (YAML or JSON) with an AWS::IAM::Role, recognised by content. --resource picks one when there are several;',
  '  --var NAME=VALUE (repeatable) fills a variable or placeholder (var.x or x, AWS::AccountId, project_number, …);',
  '  --var-file FILE (repeatable) reads NAME = VALUE lines of a .tfvars (or .tfvars.json) file; --var wins over it.',
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

/**
 * Adds the values of `--var-file` files to the options, under any `--var` given for the same
 * name; returns an error message naming the file when one cannot be read.
 */
export async function addVarFiles(options: Record<string, string>, paths: string[], readFile: (path: string) => Promise<string>): Promise<string | null> {
  for (const path of paths) {
    let text: string;
    try {
      text = await readFile(path);
    } catch (error) {
      return `cannot read ${path}: ${error instanceof Error ? error.message.replace(/^[A-Z]+: /, '') : String(error)}`;
    }
    const read = tfvarsAssignments(text);
    if (!read.ok) return `${path}: ${read.message}`;
    for (const [name, value] of Object.entries(read.vars)) {
      const key = `${VAR_OPTION_PREFIX}${name}`;
      if (!(key in options)) options[key] = value;
    }
  }
  return null;
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
