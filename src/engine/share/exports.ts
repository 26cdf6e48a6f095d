/**
 * Hand-offs to the terminal: what the playground shows, as a `trustlens test` scenario file (so a
 * reviewer's finding becomes a CI regression test) or as the equivalent `trustlens eval` call.
 * Both follow the CLI contract (docs/contracts/CLI.md).
 */
import { Document, Scalar } from 'yaml';
import type { EvaluationResult, ProviderId } from '../result';
import { isoOf } from '../time';

export interface ScenarioFileInput {
  provider: ProviderId;
  policy: string;
  claims: Record<string, unknown>;
  /** Unix seconds. */
  at: number;
  result: EvaluationResult;
  name?: string;
  options?: Record<string, string>;
}

export function scenarioFileFor(input: ScenarioFileInput): string {
  const at = isoOf(input.at);
  const scenario: Record<string, unknown> = {
    name: input.name ?? `${input.result.decision} at ${at}`,
    at,
  };
  if (input.options && Object.keys(input.options).length > 0) scenario.options = { ...input.options };
  scenario.claims = input.claims;
  const expect: Record<string, unknown> = { decision: input.result.decision };
  // The whole message is the expected substring: any change in the service's answer shows up.
  if (input.result.message !== '') expect.message = input.result.message;
  scenario.expect = expect;
  const doc = new Document({ provider: input.provider, policy: input.policy, scenarios: [scenario] });
  // A literal block keeps the configuration readable and byte-for-byte what was evaluated.
  const policyNode = doc.get('policy', true);
  if (policyNode instanceof Scalar) policyNode.type = Scalar.BLOCK_LITERAL;
  doc.commentBefore = [
    ` trustlens scenario: the ${input.provider} decision observed at ${at}.`,
    ' Run it with: npx trustlens test <this file>',
  ].join('\n');
  // lineWidth 0: never fold long claim values or messages across lines.
  return doc.toString({ lineWidth: 0 });
}

export interface CliCommandInput {
  provider: ProviderId;
  /** Unix seconds; null means "now", so no --at. */
  at: number | null;
  tokenKind: 'token' | 'claims';
  options?: Record<string, string>;
}

/**
 * The option keys the Terraform / CloudFormation reader takes (src/engine/inputs: RESOURCE_OPTION,
 * VAR_OPTION_PREFIX), repeated here so that the page's share code does not pull in the reader.
 */
export const IAC_RESOURCE_OPTION = 'iac.resource';
export const IAC_VAR_PREFIX = 'iac.var.';

export const CLI_POLICY_FILE = 'policy.json';
export const CLI_CLAIMS_FILE = 'claims.json';
export const CLI_TOKEN_FILE = 'token.jwt';

/** POSIX shell quoting, only where a word needs it. */
export function shellWord(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export function cliCommandFor(input: CliCommandInput): string {
  const inputFile = input.tokenKind === 'token' ? CLI_TOKEN_FILE : CLI_CLAIMS_FILE;
  const saved = input.tokenKind === 'token' ? `the token as ${CLI_TOKEN_FILE}` : `the claims as ${CLI_CLAIMS_FILE}`;
  const words = ['npx', 'trustlens', 'eval', '--provider', input.provider, '--policy', CLI_POLICY_FILE, `--${input.tokenKind}`, inputFile];
  if (input.at !== null) words.push('--at', isoOf(input.at));
  for (const [key, value] of Object.entries(input.options ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    // Terraform / CloudFormation choices have flags of their own in the CLI contract.
    if (key === IAC_RESOURCE_OPTION) words.push('--resource', value);
    else if (key.startsWith(IAC_VAR_PREFIX)) words.push('--var', `${key.slice(IAC_VAR_PREFIX.length)}=${value}`);
    else words.push('--option', `${key}=${value}`);
  }
  words.push('--format', 'text');
  const comment = `# Save the trust configuration as ${CLI_POLICY_FILE} and ${saved} in the current directory, then run:`;
  return `${comment}\n${words.map(shellWord).join(' ')}\n`;
}
