/**
 * One-line fix suggestions for a refusal, derived from the check that decided it. Pure: the
 * suggestion only restates what the trace already proves (the configuration's value, the token's
 * value) as the two ways out — change what the job sends, or change what the configuration
 * accepts — and says nothing where the trace does not determine a fix.
 */
import type { Check, EvaluationResult } from './result';

/** The check that decided a refusal or an error, if the provider marked one. */
export function decisiveCheck(result: EvaluationResult): Check | undefined {
  return result.checks.find((check) => check.decisive);
}

const show = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));
const code = (value: unknown): string => `\`${show(value)}\``;

/** The claim an AWS condition key names: `gitlab.com:aud` → `aud`, `token.actions.githubusercontent.com:sub` → `sub`. */
function awsConditionClaim(checkId: string): { operator: string; claim: string } | null {
  const match = /^statement\[\d+\]\.condition\.([A-Za-z:]+)\.(.+)$/.exec(checkId);
  if (!match) return null;
  const key = match[2];
  const colon = key.lastIndexOf(':');
  return { operator: match[1], claim: colon >= 0 ? key.slice(colon + 1) : key };
}

/** A JSON number in the configuration against the same digits as a string in the token. */
function numberVersusString(expected: unknown, actual: unknown): string | null {
  const want = show(expected);
  const have = show(actual);
  if (!/^-?\d+(\.\d+)?$/.test(want)) return null;
  return have === `"${want}"` ? want : null;
}

function audienceFix(expected: unknown, actual: unknown): string {
  return `Request the token with audience ${code(expected)} (GitLab: \`id_tokens: … aud:\`; GitHub Actions: the \`audience\` input), or add ${code(actual)} to the audiences the configuration accepts.`;
}

function fixForCheck(check: Check, result: EvaluationResult): string | null {
  const { id, expected, actual } = check;
  if (check.result !== 'fail' && check.result !== 'error') return null;

  if (id === 'token.exp') {
    return 'The token had expired at the evaluation instant: paste a freshly minted token, or set “Evaluated at” to a moment inside its lifetime.';
  }
  if (id === 'token.nbf' || id === 'token.iat') {
    return 'The token is not valid yet at the evaluation instant: evaluate at now (or later), or check the issuer\'s clock.';
  }

  const aws = awsConditionClaim(id);
  if (aws) {
    const quoted = numberVersusString(expected, actual);
    if (quoted !== null) return `The condition wants ${quoted}; the token carries the string "${quoted}": compare it as a string.`;
    if (aws.claim === 'aud') return audienceFix(expected, actual);
    if (aws.operator.includes('Like')) {
      return `${code(actual)} does not match the pattern ${code(expected)}: widen the pattern if this job should get in, or run the job from what the pattern names.`;
    }
    if (aws.operator.startsWith('String') && !aws.operator.includes('Not')) {
      return `To let this job in, allow ${code(actual)} in this ${aws.operator} condition; otherwise the job must present ${code(expected)}.`;
    }
    return null;
  }

  if (id === 'role.bound_audiences.required') {
    return `Set bound_audiences on the role to the token's aud (${show(actual)}): a role without bound_audiences refuses every token that carries an aud.`;
  }
  if (id === 'role.bound_audiences') return audienceFix(expected, actual);
  if (id === 'role.bound_subject') return `If this job should get in, set bound_subject to ${code(actual)}; otherwise run the job that produces ${code(expected)}.`;
  const boundClaim = /^role\.bound_claims\.(.+)$/.exec(id);
  if (boundClaim) {
    const quoted = numberVersusString(expected, actual);
    if (quoted !== null) return `Vault compares types: write ${boundClaim[1]} as the string "${quoted}" in bound_claims.`;
    // GitLab sets ref_protected / environment_protected from the project's protection settings:
    // loosening the role would let unprotected refs in, so the fix is on the project's side.
    if (/^(ref|environment)_protected$/.test(boundClaim[1]) && show(expected).includes('true')) {
      return `Only protected ${boundClaim[1] === 'ref_protected' ? 'branches and tags' : 'environments'} get in: protect this one in the GitLab project's settings rather than loosening the role.`;
    }
    return `If this job should get in, add ${show(actual)} to bound_claims.${boundClaim[1]} (now ${show(expected)}).`;
  }

  const azure = /^credential\[\d+\]\.(subject|audience|issuer)$/.exec(id);
  if (azure) {
    if (azure[1] === 'audience') return audienceFix(expected, actual);
    if (azure[1] === 'subject') {
      const caseOnly = typeof expected === 'string' && typeof actual === 'string' && expected.toLowerCase() === actual.toLowerCase();
      return caseOnly
        ? `Entra ID compares the subject case-sensitively: write it as ${code(actual)} in the credential, or rename the job's environment or branch to match.`
        : `If this job should get in, add a federated credential with subject ${code(actual)} (or a flexible claimsMatchingExpression).`;
    }
    return `Set the credential's issuer to ${code(actual)}, exactly as the token's iss writes it.`;
  }

  if (id === 'iam' && result.provider === 'gcp' && Array.isArray(actual)) {
    const principals = actual.filter((p): p is string => typeof p === 'string');
    const repository = principals.find((p) => p.includes('/attribute.repository/')) ?? principals.find((p) => p.startsWith('principal://'));
    if (repository) return `Grant roles/iam.workloadIdentityUser to ${code(repository)} on the service account if this job should get in.`;
  }
  if (id === 'condition' && result.provider === 'gcp' && typeof expected === 'string') return gcpConditionFix(expected, result);
  if (id === 'token.audience' && result.provider === 'gcp') {
    return `Request the token with the provider's audience ${code(expected)}, or add ${code(actual)} to oidc.allowedAudiences.`;
  }
  return null;
}

interface ClauseData {
  text: string;
  outcome: string;
  operands?: Array<{ text: string; value: unknown }>;
  children: ClauseData[];
}

function firstFailing(clause: ClauseData): ClauseData {
  const child = clause.children.find((candidate) => candidate.outcome !== 'true');
  return child ? firstFailing(child) : clause;
}

/**
 * Google Cloud: the attribute condition's failing clause (details.condition, the clause tree).
 * An equality between a token attribute and a literal gets the widened clause itself.
 */
function gcpConditionFix(clauseText: string, result: EvaluationResult): string {
  const tree = result.details.condition as ClauseData | null | undefined;
  const leaf = tree ? firstFailing(tree) : null;
  const operands = leaf?.operands ?? [];
  const equality = leaf !== null && operands.length === 2 && /^[^=!<>]*==[^=]*$/.test(leaf.text);
  const literal = operands.find((operand) => /^["'\d-]|^(true|false)$/.test(operand.text));
  const attribute = operands.find((operand) => operand !== literal);
  if (equality && literal && attribute && attribute.value !== undefined) {
    return `If this job should get in, change the clause ${code(clauseText)} to ${code(`${attribute.text} in [${literal.text}, ${JSON.stringify(attribute.value)}]`)}; otherwise run the job whose ${attribute.text} is ${literal.text}.`;
  }
  return `The attribute condition fails on ${code(clauseText)}: widen that clause if this job should get in, or run the job that satisfies it.`;
}

/** A one-line suggestion for a refusal, or null where the decisive check does not determine one. */
export function suggestFix(result: EvaluationResult): string | null {
  if (result.decision !== 'deny') return null;
  const check = decisiveCheck(result);
  return check ? fixForCheck(check, result) : null;
}
