/**
 * Google's own texts, each with where it was seen. Texts Google does not document are marked
 * (inferred) and worded so that they do not pass for Google's.
 */
import { valueText } from '../../value-text';

export const REFERENCES = {
  rest: 'https://cloud.google.com/iam/docs/reference/rest/v1/projects.locations.workloadIdentityPools.providers',
  overview: 'https://docs.cloud.google.com/iam/docs/workload-identity-federation',
  otherProviders: 'https://docs.cloud.google.com/iam/docs/workload-identity-federation-with-other-providers',
  grantAccess: 'https://docs.cloud.google.com/iam/docs/workload-download-cred-and-grant-access',
  pipelines: 'https://cloud.google.com/iam/docs/workload-identity-federation-with-deployment-pipelines#conditions',
  terraform: 'https://github.com/hashicorp/terraform-provider-google/blob/main/website/docs/r/iam_workload_identity_pool_provider.html.markdown',
  ghaReadme: 'https://github.com/google-github-actions/auth/blob/main/README.md',
  ghaSecurity: 'https://github.com/google-github-actions/auth/blob/main/docs/SECURITY_CONSIDERATIONS.md',
  ghaTroubleshooting: 'https://github.com/google-github-actions/auth/blob/main/docs/TROUBLESHOOTING.md',
  gitlabGuide: 'https://docs.gitlab.com/ci/cloud_services/google_cloud/',
  wifEmulator: 'https://github.com/loicsikidi/wif-go/blob/main/pkg/compiler/compiler.go',
  celGo: 'https://github.com/google/cel-go',
} as const;

/** STS `unauthorized_client` when the condition is not true (circleci/circleci-docs#8541). */
export const CONDITION_REJECTED = 'The given credential is rejected by the attribute condition.';

/** STS `invalid_target` for a disabled, deleted or unknown provider (google-github-actions/auth#202, #370). */
export const PROVIDER_UNAVAILABLE =
  'The target service indicated by the "audience" parameters is invalid. This might either be because the pool or provider is disabled or deleted or because it doesn\'t exist.';

/** IAM Credentials 403 when no binding grants the federated principal (google-github-actions/auth TROUBLESHOOTING.md). */
export const PERMISSION_DENIED = 'The caller does not have permission';

/** Create/update refusal for shared issuers without a condition (GoogleCloudPlatform/magic-modules#11936). */
export const CONDITION_REQUIRED =
  "Error 400: The attribute condition must reference one of the provider's claims. For more information, see https://cloud.google.com/iam/docs/workload-identity-federation-with-deployment-pipelines#conditions";

/** Terraform provider docs for `attribute_mapping` (OIDC providers have no default mapping). */
export const SUBJECT_MAPPING_REQUIRED =
  'Custom attribute mappings must be defined, and must include a mapping to the google.subject attribute.';

export function mustBeString(key: string): string {
  // google-github-actions/auth#378 (google.subject); workforce docs show the same text for attribute.role.
  return `The mapped attribute '${key}' must be of type STRING.`;
}

/** Emulator text (wif-go), inferred for Google. */
export const GROUPS_MUST_BE_LIST = "The mapped attribute 'google.groups' must be of type LIST<STRING>.";
export const GROUP_ELEMENTS_MUST_BE_STRINGS = "The elements in mapped attribute 'google.groups' must be of type STRING.";

/** pass-culture/pass-culture-main#22735 (the older text omits the attribute name). */
export const SUBJECT_TOO_LONG = 'The size of mapped attribute google.subject exceeds the 127 bytes limit.';

/** Emulator text (wif-go), inferred for Google. */
export const ATTRIBUTES_TOO_LARGE = 'The size of mapped attributes exceeds the 8192 bytes limit.';

/** gcloud validation text seen in kushin77/self-hosted-runner#1900. */
export function invalidMappingKey(key: string): string {
  return `Invalid mapped attribute key: ${key}. Custom mapped attributes must be in format 'attribute.{custom_attribute}'`;
}

/** Emulator text (wif-go) for the documented `[a-z0-9_]`, ≤100 characters rule. */
export function invalidAttributeName(name: string): string {
  return `Invalid mapped attribute key: ${name}. The maximum length of a mapped attribute key is 100 characters and may only contain the characters [a-z0-9_]`;
}

/** STS `invalid_grant`, seen in public logs: "The audience in ID Token [...] does not match the expected audience." */
export function audienceMismatch(audiences: readonly string[]): string {
  return `The audience in ID Token [${audiences.join(', ')}] does not match the expected audience.`;
}

/** google-github-actions/auth TROUBLESHOOTING.md: the expected issuer is printed with a trailing slash. */
export function issuerMismatch(issuer: string, expected: string): string {
  return `The issuer in ID Token ${issuer} does not match the expected ones: ${expected.replace(/\/+$/, '')}/`;
}

/** googleapis/google-cloud-go#12440. */
export function staleToken(iat: unknown): string {
  return `ID Token issued at ${valueText(iat)} is stale to sign-in.`;
}

/** A mapping that cannot be evaluated: Google documents nothing, the WIF emulator fails the exchange. */
export function mappingNotEvaluated(key: string, error: string | undefined): string {
  return `The attribute mapping for ${key} could not be evaluated: ${error}. (Google does not document this case; the exchange is assumed to fail.)`;
}

/** trustlens's words for an exchange that succeeds (STS answers with a token, not a sentence). */
export function exchangeAllowed(subject: string, binding: { index: number; role: string; member: string } | null): string {
  return binding
    ? `Allowed: STS issues a federated token for ${subject}, and binding[${binding.index}] (${binding.role}) grants ${binding.member}.`
    : `Accepted by the provider: STS issues a federated token for ${subject} (no IAM policy given, so no binding was checked).`;
}
