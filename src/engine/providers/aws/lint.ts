/**
 * Findings about a trust policy alone: what AWS refuses to save today, what Access Analyzer warns
 * about, and the published misconfigurations of CI roles. Findings never change the decision.
 * Sources: aws.md §4 (identity-provider controls; Access Analyzer checks; GitHub, GitLab and AWS
 * guidance; Datadog Security Labs).
 */
import type { JSONPath } from '../../json';
import type { Finding, Severity } from '../../result';
import { providerKeysFor, providerKindOf } from './context';
import { DOCS } from './messages';
import { parseDate, parseNumber, parseOperator, inCidr } from './operators';
import { locate, type AwsPolicy } from './parse';
import { providerOfFederated } from './principal';
import { statementPaths } from './validate';
import { conditionValues } from './conditions';

/** Shared issuers and the claim AWS's identity-provider controls require (id_roles_providers_oidc_secure-by-default). */
const SHARED_ISSUERS: Array<{ prefix: string; name: string; claim: 'sub' | 'aud'; enforcedAtRequest?: boolean }> = [
  { prefix: 'token.actions.githubusercontent.com', name: 'GitHub Actions', claim: 'sub' },
  { prefix: 'vstoken.actions.githubusercontent.com', name: 'GitHub vstoken', claim: 'sub' },
  { prefix: 'oidc-configuration.audit-log.githubusercontent.com', name: 'GitHub audit log streaming', claim: 'sub' },
  { prefix: 'gitlab.com', name: 'GitLab (gitlab.com)', claim: 'sub' },
  { prefix: 'app.terraform.io', name: 'HCP Terraform', claim: 'sub', enforcedAtRequest: true },
  { prefix: 'agent.buildkite.com', name: 'Buildkite', claim: 'sub' },
  { prefix: 'cognito-identity.amazonaws.com', name: 'Amazon Cognito', claim: 'aud' },
  { prefix: 'api.pulumi.com/oidc', name: 'Pulumi Cloud', claim: 'aud' },
  { prefix: 'oidc.vercel.com', name: 'Vercel', claim: 'aud' },
];

export function sharedIssuer(prefix: string) {
  return SHARED_ISSUERS.find((issuer) => issuer.prefix === prefix);
}

const DEFAULT_KEY_NAMES = ['sub', 'aud', 'oaud', 'amr', 'email'];
const MULTIVALUED_KEYS = /(:amr|^aws:tagkeys|^sts:transitivetagkeys)$/i;

interface KeyUse {
  statementIndex: number;
  effect: unknown;
  operator: string;
  key: string;
  values: string[];
  path: JSONPath;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function federatedProviders(statement: Record<string, unknown>): string[] {
  const principal = statement.Principal;
  if (!isObject(principal)) return [];
  const federated = principal.Federated;
  const list = Array.isArray(federated) ? federated : federated === undefined ? [] : [federated];
  return list.filter((value): value is string => typeof value === 'string').map(providerOfFederated).filter((value): value is string => value !== null);
}

function keyUses(statement: Record<string, unknown>, index: number, path: JSONPath): KeyUse[] {
  const uses: KeyUse[] = [];
  const condition = statement.Condition;
  if (!isObject(condition)) return uses;
  for (const [operator, block] of Object.entries(condition)) {
    if (!isObject(block)) continue;
    for (const [key, raw] of Object.entries(block)) {
      uses.push({ statementIndex: index, effect: statement.Effect, operator, key, values: conditionValues(raw), path: [...path, 'Condition', operator, key] });
    }
  }
  return uses;
}

const onlyWildcards = (value: string) => /^[*?]*$/.test(value);

export function lintPolicy(policy: AwsPolicy): Finding[] {
  const findings: Finding[] = [];
  const add = (id: string, severity: Severity, message: string, path: JSONPath, reference: string) =>
    findings.push({ id, severity, message, source: locate(policy, path), reference });
  const document = policy.document;
  if (!isObject(document)) return findings;

  if (!('Version' in document)) {
    add('aws.missing-version', 'low', 'Missing version: We recommend that you specify the Version element to help you with debugging permission issues. Without Version 2012-10-17, policy variables are literal text.', [], DOCS.version);
  }
  const variablesEnabled = document.Version === '2012-10-17';
  const sids = new Map<string, number>();

  for (const [index, { value, path }] of statementPaths(document).entries()) {
    if (!isObject(value)) continue;
    const statement = value;
    const providers = federatedProviders(statement);
    const uses = keyUses(statement, index, path);
    const allow = statement.Effect === 'Allow';

    if (typeof statement.Sid === 'string') {
      if (statement.Sid === '') add('aws.sid.empty', 'low', 'Empty Sid value: Add a value to the empty string in the Sid element.', [...path, 'Sid'], DOCS.accessAnalyzer);
      else if (!/^[A-Za-z0-9]+$/.test(statement.Sid)) {
        add('aws.sid.characters', 'medium', 'Unsupported Sid: Update the characters in the Sid element to use one of the following character types: [a-z, A-Z, 0-9]', [...path, 'Sid'], DOCS.grammar);
      }
      if (sids.has(statement.Sid) && statement.Sid !== '') {
        add('aws.sid.duplicate', 'medium', 'Unique Sids recommended: We recommend that you use statement IDs that are unique to your policy. Update the Sid value.', [...path, 'Sid'], DOCS.accessAnalyzer);
      }
      sids.set(statement.Sid, index);
    }

    const principal = statement.Principal;
    if (allow && (principal === '*' || (isObject(principal) && (principal.AWS === '*' || (Array.isArray(principal.AWS) && principal.AWS.includes('*')))))) {
      add(
        'aws.principal.everyone',
        'critical',
        'Role trust policy unsupported wildcard in principal: "Principal:" "*" is not supported in the principal element of a role trust policy. As written it trusts every caller, including any web identity token; only the conditions stand between the role and the internet.',
        [...path, 'Principal'],
        DOCS.accessAnalyzer,
      );
    }

    const actions = (() => {
      const raw = statement.Action;
      return Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? [raw] : [];
    })();
    if (providers.length > 0 && actions.length > 0 && !actions.some((action) => /^(sts:(assumerolewithwebidentity|\*)|\*)$/i.test(action) || /[*?]/.test(action))) {
      add(
        'aws.action.mismatched',
        'high',
        `Mismatched action for principal: The ${actions.join(', ')} action is invalid with the following principal(s): ${providers.join(', ')}. Use a SAML provider principal with the sts:AssumeRoleWithSAML action or use an OIDC provider principal with the sts:AssumeRoleWithWebIdentity action.`,
        [...path, 'Action'],
        DOCS.accessAnalyzer,
      );
    }

    if (providers.length > 0 && !isObject(statement.Condition) && allow) {
      add(
        'aws.oidc.no-condition',
        'high',
        'Missing condition key for oidc principal: Using an Open ID Connect principal without a condition can be overly permissive. Add condition keys with a prefix that matches your federated OIDC principals to ensure that only the intended identity provider assumes the role.',
        [...path, 'Principal'],
        DOCS.accessAnalyzer,
      );
    }

    for (const provider of providers) {
      const shared = sharedIssuer(provider);
      if (shared && allow) {
        const required = `${provider}:${shared.claim}`.toLowerCase();
        const tests = uses.filter((use) => use.key.toLowerCase() === required);
        const meaningful = tests.filter((use) => use.values.some((value) => !onlyWildcards(value) && value !== 'null'));
        if (tests.length === 0) {
          add(
            'aws.idp-control.missing',
            'critical',
            `AWS refuses to create or update this trust policy: identity-provider controls for ${shared.name} require a ${provider}:${shared.claim} condition. An existing role keeps working as written, and admits any ${shared.name} identity${shared.claim === 'sub' ? ' (any project, repository or branch)' : ''} the other conditions let through.${shared.enforcedAtRequest ? ' For HCP Terraform, STS also denies the call itself.' : ''}`,
            [...path, 'Principal'],
            DOCS.secureByDefault,
          );
        } else if (meaningful.length === 0) {
          add(
            'aws.idp-control.wildcard',
            'critical',
            `AWS refuses to create or update this trust policy: ${provider}:${shared.claim} is only a wildcard (* or ?) or null, which identity-provider controls reject. As it stands the role admits any ${shared.name} identity.`,
            tests[0].path,
            DOCS.secureByDefault,
          );
        }
      }
      if (allow && !uses.some((use) => use.key.toLowerCase() === `${provider}:aud`.toLowerCase()) && !shared) {
        add(
          'aws.aud.missing',
          'low',
          `No ${provider}:aud condition: STS checks the audience only against the provider's client ID list, which every role trusting ${provider} shares. Pin the audience the job requests for this role.`,
          [...path, 'Principal'],
          DOCS.githubOidcAws,
        );
      }
    }

    const caseGroups = new Map<string, Map<string, string>>();
    for (const use of uses) {
      const lowerKey = use.key.toLowerCase();
      const parsed = parseOperator(use.operator);
      const group = caseGroups.get(use.operator) ?? new Map<string, string>();
      if (group.has(lowerKey) && group.get(lowerKey) !== use.key) {
        add('aws.condition.duplicate-key-case', 'high', 'Duplicate keys with different case: The condition key appears more than once with different capitalization in the same condition block. Remove the duplicate condition keys.', use.path, DOCS.accessAnalyzer);
      }
      group.set(lowerKey, use.key);
      caseGroups.set(use.operator, group);

      if (/^https?:\/\//i.test(use.key)) {
        add(
          'aws.key.https-prefix',
          'high',
          `${use.key}: condition keys never carry the https:// scheme, so AWS never populates this key. Under a positive operator the test is always false; under a negated operator, …IfExists or ForAllValues it is always true and enforces nothing.`,
          use.path,
          DOCS.conditionKeys,
        );
        continue;
      }
      const colon = use.key.lastIndexOf(':');
      const keyPrefix = colon > 0 ? use.key.slice(0, colon) : '';
      const keyName = use.key.slice(colon + 1).toLowerCase();
      const ownProvider = providers.find((provider) => provider.toLowerCase() === keyPrefix.toLowerCase());
      if (ownProvider) {
        const supported = [...DEFAULT_KEY_NAMES, ...providerKeysFor(providerKindOf(ownProvider))];
        if (!supported.includes(keyName)) {
          add(
            'aws.key.not-populated',
            'high',
            `AWS does not populate ${use.key}: for issuer ${ownProvider} the keys are ${supported.join(', ')}. The key is silently absent, so ${use.operator} on it is always ${absentOutcome(use.operator)}.`,
            use.path,
            DOCS.conditionKeys,
          );
        }
      } else if (providers.length > 0 && keyPrefix && !/^(aws|sts|iam)$/i.test(keyPrefix) && !/:/.test(keyPrefix) && keyPrefix.includes('.')) {
        add(
          'aws.key.other-issuer',
          'high',
          `${use.key} belongs to issuer ${keyPrefix}, but this statement trusts ${providers.join(', ')}: the key is never present for its tokens, so ${use.operator} on it is always ${absentOutcome(use.operator)}.`,
          use.path,
          DOCS.conditionKeys,
        );
      }

      if (!parsed.ok) continue;
      const base = parsed.operator.base;
      if (parsed.operator.qualifier === 'ForAllValues' && !MULTIVALUED_KEYS.test(use.key)) {
        add(
          'aws.forallvalues.single-valued',
          allow ? 'high' : 'medium',
          `ForAllValues with single valued key: Using ForAllValues qualifier with the single-valued condition key ${use.key} can be overly permissive. We recommend that you remove ForAllValues:. It is also true when the key is absent or misspelled.`,
          use.path,
          DOCS.configureAwsCredentials,
        );
      }
      if (base.family === 'string' && !base.name.includes('Like')) {
        const stripped = use.values.map((value) => (variablesEnabled ? value.replace(/\$\{[*?$]\}/g, '') : value));
        if (stripped.some((value) => /[*?]/.test(value))) {
          add(
            'aws.condition.wildcard-without-like',
            'medium',
            `Wildcard without like operator: Your condition value includes a * or ? character. If you meant to use a wildcard (*, ?), update the condition operator to include Like. Under ${base.name} the * is a literal character.`,
            use.path,
            DOCS.accessAnalyzer,
          );
        }
      }
      if (!variablesEnabled && use.values.some((value) => /\$\{[^}]*\}/.test(value))) {
        add(
          'aws.variable.version',
          'medium',
          'Variable unsupported in version: To include variables in your policy, use the policy version 2012-10-17 or later. Without it the ${…} text is compared literally.',
          use.path,
          DOCS.variables,
        );
      }
      if (base.family === 'bool' && use.values.length > 1) {
        add('aws.condition.multiple-boolean', 'medium', 'Invalid condition multiple Boolean: The condition key does not support multiple Boolean values. Use a single Boolean value.', use.path, DOCS.accessAnalyzer);
      }
      typeMismatch(base.family, base.name, use, add);

      if (allow && keyName === 'sub' && ownProvider) subFindings(ownProvider, parsed.operator.base.name, use, add);
    }

    if (allow && providers.length > 0) {
      const subTests = uses.filter((use) => use.key.toLowerCase().endsWith(':sub'));
      const positive = subTests.filter((use) => {
        const parsed = parseOperator(use.operator);
        return parsed.ok && !parsed.operator.base.negated && !parsed.operator.ifExists && parsed.operator.qualifier !== 'ForAllValues';
      });
      if (subTests.length > 0 && positive.length === 0) {
        add(
          'aws.sub.negated-only',
          'medium',
          'The sub claim is restricted only by negated, …IfExists or ForAllValues tests: every subject that is not excluded (and any token without the key) is admitted.',
          subTests[0].path,
          DOCS.conditionOperators,
        );
      }
    }
  }
  return findings;
}

function absentOutcome(operatorText: string): string {
  const parsed = parseOperator(operatorText);
  if (!parsed.ok) return 'undefined';
  const operator = parsed.operator;
  if (operator.base.name === 'Null') return 'decided by Null alone';
  if (operator.ifExists || operator.qualifier === 'ForAllValues') return 'true (it enforces nothing)';
  if (operator.qualifier === 'ForAnyValue') return 'false';
  return operator.base.negated ? 'true (it enforces nothing)' : 'false';
}

type Add = (id: string, severity: Severity, message: string, path: JSONPath, reference: string) => void;

function typeMismatch(family: string, name: string, use: KeyUse, add: Add) {
  for (const value of use.values) {
    if (family === 'numeric' && parseNumber(value) === null) {
      add('aws.condition.type-number', 'medium', `Type mismatch number: Add a valid numeric value for the condition operator ${name}.`, use.path, DOCS.accessAnalyzer);
    } else if (family === 'date' && parseDate(value) === null) {
      add('aws.condition.type-date', 'medium', 'Type mismatch date: The date condition operator is used with an invalid value. Specify a valid date using YYYY-MM-DD or other ISO 8601 date/time format.', use.path, DOCS.accessAnalyzer);
    } else if (family === 'bool' && !/^(true|false)$/i.test(value)) {
      add('aws.condition.type-bool', 'medium', `Type mismatch Boolean: Add a valid Boolean value (true or false) for the condition operator ${name}.`, use.path, DOCS.accessAnalyzer);
    } else if (family === 'ip' && inCidr(value, '0.0.0.0') === null) {
      add('aws.condition.type-ip', 'medium', `Type mismatch IP range: The condition operator ${name} is used with an invalid IP range value. Specify the IP range in standard CIDR format.`, use.path, DOCS.accessAnalyzer);
    } else continue;
    return;
  }
}

/** Risky but permitted `sub` patterns (Datadog Security Labs; Dashtid/subvectors judgments; GitLab and GitHub docs). */
function subFindings(provider: string, operator: string, use: KeyUse, add: Add) {
  const kind = providerKindOf(provider);
  const like = operator.includes('Like');
  for (const value of use.values) {
    if (like && value.includes('*') && !onlyWildcards(value)) {
      let why = 'a wildcard widens the subject';
      if (/ref_type:\*/.test(value)) why = 'ref_type:* also admits a tag named like the branch';
      else if (/^project_path:[^:]*\/\*/.test(value)) why = 'project_path:group/* admits every project in every subgroup at any depth, on any ref';
      else if (/^repo:[^/:]+\/\*/.test(value)) why = 'repo:org/* admits every repository of the organisation, on every branch, tag, environment and pull request';
      else if (/^repo:[^:]+:\*$/.test(value)) why = 'repo:org/repo:* admits every branch, tag, environment and pull_request event of the repository';
      else if (/^repo:\*/.test(value)) why = 'repo:* admits repositories of any owner';
      else if (/refs\/heads\/[^*]+\*$/.test(value)) why = `the trailing * admits branches that merely start with the name (e.g. ${value.replace(/\*$/, '')}-hotfix)`;
      else if (/ref:\*$/.test(value)) why = 'ref:* admits every branch, including nested names such as feature/x';
      add('aws.sub.broad-wildcard', 'medium', `${use.key} ${JSON.stringify(value)}: ${why}.`, use.path, kind === 'gitlab.com' ? DOCS.gitlabCloudServices : DOCS.datadogNoKeysAttached);
    }
    if (kind === 'github' && /^repo:[^@/:]+\/[^@:]+:/.test(value)) {
      add(
        'aws.sub.github-name-based',
        'low',
        `${JSON.stringify(value)} pins the repository by name: a renamed, transferred or re-created repository of that name gets in. Repositories created or transferred from 15 July 2026 send the immutable form repo:OWNER@ID/REPO@ID:…, which this value does not match; pin repository_id / repository_owner_id as well.`,
        use.path,
        DOCS.githubOidcReference,
      );
    }
  }
}

