/**
 * Terraform / CloudFormation policies on the command line: `--resource TYPE.NAME` picks the
 * resource, `--var NAME=VALUE` (repeatable) fills a variable or placeholder. Both travel to the
 * engine as options; the HCL reader is loaded before evaluating when the policy is Terraform.
 */
import { loadIacReaders, RESOURCE_OPTION, VAR_OPTION_PREFIX } from '../engine/inputs/index';

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
