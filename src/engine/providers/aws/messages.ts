/**
 * The texts AWS itself prints: STS API errors, IAM `MalformedPolicyDocument` errors and IAM Access
 * Analyzer policy-check findings. Kept in one place so that each text is written once, exactly.
 */

export const DOCS = {
  conditionOperators: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html',
  conditionKeys: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html',
  multiValued: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html',
  conditionLogic: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html',
  variables: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html',
  version: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html',
  grammar: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html',
  principal: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html',
  action: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html',
  notPrincipal: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html',
  evaluationLogic: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html',
  accessAnalyzer: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html',
  secureByDefault: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_oidc_secure-by-default.html',
  oidcProviders: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_oidc.html',
  createOidcProvider: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_oidc.html',
  sessionTags: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html',
  sourceIdentity: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html',
  stsApi: 'https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html',
  githubOidcAws: 'https://docs.github.com/en/actions/how-tos/secure-your-work/security-harden-deployments/oidc-in-aws',
  githubOidcReference: 'https://docs.github.com/en/actions/reference/security/oidc',
  gitlabAws: 'https://docs.gitlab.com/ci/cloud_services/aws/',
  gitlabCloudServices: 'https://docs.gitlab.com/ci/cloud_services/',
  configureAwsCredentials: 'https://github.com/aws-actions/configure-aws-credentials#claims-and-scoping-permissions',
  datadogNoKeysAttached: 'https://securitylabs.datadoghq.com/articles/exploring-github-to-aws-keyless-authentication-flaws/',
} as const;

export const ACTION = 'sts:AssumeRoleWithWebIdentity';
export const TAG_SESSION = 'sts:TagSession';
export const SET_SOURCE_IDENTITY = 'sts:SetSourceIdentity';

/** The AccessDenied text STS returns when the trust policy does not allow the call. */
export function notAuthorized(action: string = ACTION): string {
  return `AccessDenied: Not authorized to perform ${action}`;
}

/**
 * STS AssumeRoleWithWebIdentity, request parameter WebIdentityToken: "Length Constraints: Minimum
 * length of 4. Maximum length of 20000." (API reference, stsApi above).
 */
export const WEB_IDENTITY_TOKEN_MAX = 20_000;

export const sts = {
  noProvider: (issuer: string) => `InvalidIdentityToken: No OpenIDConnect provider found in your account for ${issuer}`,
  incorrectAudience: 'InvalidIdentityToken: Incorrect token audience',
  missingClaim: (claim: string) => `InvalidIdentityToken: Missing a required claim: ${claim}`,
  /** As STS printed it in 2024 (aws/aws-sdk-java-v2#5709): current instant, then `exp`. */
  expired: (now: number, exp: number) =>
    `ExpiredTokenException: Token expired: current date/time ${now} must be before the expiration date/time ${exp}`,
  /** The AWS query protocol's validation error for a length constraint, for a token over WEB_IDENTITY_TOKEN_MAX. */
  tokenTooLong: `1 validation error detected: Value at 'webIdentityToken' failed to satisfy constraint: Member must have length less than or equal to ${WEB_IDENTITY_TOKEN_MAX}`,
  /** The STS API reference's description of InvalidIdentityToken. */
  invalidToken:
    'InvalidIdentityToken: The web identity token that was passed could not be validated by AWS. Get a new identity token from the identity provider and then retry the request.',
};

/** IAM API (`MalformedPolicyDocument`) and Access Analyzer texts for policies IAM will not hold. */
export const config = {
  prohibitedResource: (field: string) =>
    `MalformedPolicyDocument: Has prohibited field ${field}. Access Analyzer: Role trust policies apply to the role that they are attached to. You cannot specify a resource. Remove the Resource or NotResource element.`,
  notPrincipal:
    'MalformedPolicyDocument: Role trust policies do not support NotPrincipal. Update the policy to use a Principal element instead.',
  invalidVersion: (version: string) =>
    `MalformedPolicyDocument: Invalid version: The version ${version} is not valid. Use one of the following versions: 2008-10-17, 2012-10-17`,
  invalidEffect: (effect: string) => `MalformedPolicyDocument: Invalid effect: The effect ${effect} is not valid. Use Allow or Deny.`,
  missingEffect: 'MalformedPolicyDocument: Missing effect: Add an Effect element to the policy statement with a value of Allow or Deny.',
  missingAction: 'MalformedPolicyDocument: Missing action: Add an Action or NotAction element to the policy statement.',
  bothActionAndNotAction: 'MalformedPolicyDocument: A statement may hold Action or NotAction, not both.',
  missingPrincipal: 'MalformedPolicyDocument: Missing principal: Add a Principal element to the policy statement.',
  missingStatement: 'MalformedPolicyDocument: Missing statement: Add a statement to the policy',
  invalidOperator: (operator: string) =>
    `MalformedPolicyDocument: Invalid condition operator: The condition operator ${operator} is not valid. Use a valid condition operator.`,
  nullIfExists:
    'MalformedPolicyDocument: Null with if exists: The Null condition operator cannot be used with the IfExists suffix. Update the operator or the suffix.',
  federatedSyntax: (value: string) =>
    `MalformedPolicyDocument: Federated principals must be valid domain names or SAML metadata ARNs (${JSON.stringify(value)}). Access Analyzer: Invalid federated principal syntax in role trust policy: The principal value specifies a federated principal that does not match the expected format. Update the federated principal to a domain name or a SAML metadata ARN.`,
  invalidPrincipal: (text: string) => `MalformedPolicyDocument: Invalid principal in policy: ${text}`,
  syntax: (what: string) => `MalformedPolicyDocument: Syntax errors in policy. ${what}`,
};
