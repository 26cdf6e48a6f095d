/**
 * Module calls of the well-known modules that build CI trust, evaluated as Terraform would
 * render them: the call's arguments (evaluated in the calling text, unknowns kept) go through the
 * module's own rules at the version Terraform installs, and what the module declares comes out
 * as the trust configuration the provider reads. Each model below was read from the module's
 * source at the tags it names; a call whose version constraint admits a release not read here
 * is not followed, and says so.
 *
 * Which release Terraform installs: the newest that meets every constraint of `version`
 * (hashicorp/terraform internal/initwd/module_install.go), constraints read by
 * hashicorp/go-version (constraint.go: `~> 1.2` is >= 1.2, < 2.0; `~> 1.2.3` is >= 1.2.3,
 * < 1.3.0; `~> 1` has no upper bound).
 */
import type { ProviderId, SourceRange } from '../result';
import { isUnknown, unknown, type Unknown } from './hcl/value';
import type { PositionBlock } from './hcl-positions';
import { MODULE_SOURCES, parseSource, sourceIs, type ModuleSource, type ParsedSource } from './terraform-module-sources';
import { objectOf, scalar, type Located, type LocatedEntry } from './located';
import { convertPolicyDocument, repeatedSid } from './policy-document';
import { attributeOf, evaluateAt, given, instancesOf, openIdUrlProblem, projectNumberOf, rangeOf, topBlocks, type TerraformText } from './terraform-values';

/** A resource a followed module declares: its address and how to build what the provider reads. */
export interface ModuleResource {
  address: string;
  provider: ProviderId;
  range?: SourceRange;
  /** The configuration, or a refusal in Terraform's or the provider's words. */
  render: () => Located | { error: string; range?: SourceRange };
  /** Google Cloud: the service account its grants are on, when grants name several. */
  hiddenBehindGrants?: boolean;
}

export interface NotFollowed {
  name: string;
  source: string;
  reason: string;
  range: SourceRange;
}

type Version = [number, number, number];

function parseVersion(text: string): { version: Version; given: number } | null {
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return null;
  const given = match[3] !== undefined ? 3 : match[2] !== undefined ? 2 : 1;
  return { version: [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)], given };
}

function compare(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

const at = (text: string): Version => parseVersion(text)!.version;
const atLeast = (version: Version, text: string) => compare(version, at(text)) >= 0;

interface Constraint {
  admits: (v: Version) => boolean;
  /** The highest version admitted: inclusive or exclusive, or none. */
  upper: { version: Version; inclusive: boolean } | null;
}

/** A `version` argument as go-version reads it, or null when it does not parse. */
function parseConstraint(text: string): Constraint | null {
  const terms = text.split(',').map((t) => t.trim());
  const checks: Array<(v: Version) => boolean> = [];
  let upper: Constraint['upper'] = null;
  const lower = (version: Version, inclusive: boolean) => {
    if (!upper || compare(version, upper.version) < 0 || (compare(version, upper.version) === 0 && !inclusive)) upper = { version, inclusive };
  };
  for (const term of terms) {
    const match = /^(=|!=|>=|<=|>|<|~>)?\s*(\S+)$/.exec(term);
    const parsed = match ? parseVersion(match[2]) : null;
    if (!match || !parsed) return null;
    const { version: c, given } = parsed;
    switch (match[1] ?? '=') {
      case '=':
        checks.push((v) => compare(v, c) === 0);
        lower(c, true);
        break;
      case '!=':
        checks.push((v) => compare(v, c) !== 0);
        break;
      case '>':
        checks.push((v) => compare(v, c) > 0);
        break;
      case '>=':
        checks.push((v) => compare(v, c) >= 0);
        break;
      case '<':
        checks.push((v) => compare(v, c) < 0);
        lower(c, false);
        break;
      case '<=':
        checks.push((v) => compare(v, c) <= 0);
        lower(c, true);
        break;
      default: {
        // go-version's pessimistic operator: the segments before the last one given are fixed.
        const fixed = given - 1;
        checks.push((v) => compare(v, c) >= 0 && v.slice(0, fixed).every((s, i) => s === c[i]));
        if (fixed > 0) {
          const bound: Version = [0, 0, 0];
          for (let i = 0; i < fixed - 1; i++) bound[i] = c[i];
          bound[fixed - 1] = c[fixed - 1] + 1;
          lower(bound, false);
        }
      }
    }
  }
  return { admits: (v) => checks.every((check) => check(v)), upper };
}

interface ModuleCall {
  tf: TerraformText;
  block: PositionBlock;
  bindings: Map<string, Located>;
  /** `module.NAME` or `module.NAME["key"]`. */
  prefix: string;
  range: SourceRange;
}

interface Model extends ModuleSource {
  /** The releases read, oldest first. */
  releases: string[];
  /**
   * The first release of the next major line when it is published: every release of the line
   * modelled comes before it, so a constraint bounded by it is followed.
   */
  lineClosedBy?: string;
  resources: (call: ModuleCall, version: Version) => ModuleResource[];
  /** The module's variables: those of the first release, then what each later release adds or removes. */
  variables: Array<{ since: string; add: string[]; remove?: string[] }>;
}

/** The arguments every module call takes besides the module's variables. */
const META_ARGUMENTS = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

function declared(model: Model, version: Version): Set<string> {
  const names = new Set<string>();
  for (const step of model.variables) {
    if (!atLeast(version, step.since)) break;
    for (const name of step.add) names.add(name);
    for (const name of step.remove ?? []) names.delete(name);
  }
  return names;
}

// ---------------------------------------------------------------------------------------------
// Values inside a module: inputs with defaults, and the few functions the modules apply.

class Inputs {
  constructor(
    private readonly call: ModuleCall,
    private readonly defaults: Record<string, Located>,
  ) {}

  get(name: string): Located {
    const written = attributeOf(this.call.block, name);
    if (written) return evaluateAt(this.call.tf, written.value, this.call.bindings);
    return this.defaults[name] ?? scalar(null, this.call.range);
  }

  /** A bool input: true, false, or the unknown it depends on. */
  flag(name: string): boolean | Unknown {
    const value = this.get(name);
    if (isUnknown(value)) return value;
    if (value.kind === 'scalar' && (value.value === true || value.value === 'true')) return true;
    return false;
  }

  /** A list or set input: its items, or the unknown it depends on (a null is the empty list). */
  list(name: string, set = false): Located[] | Unknown {
    return itemsOf(this.get(name), set);
  }

  string(name: string): Located {
    return this.get(name);
  }
}

function itemsOf(value: Located, set = false): Located[] | Unknown {
  if (isUnknown(value)) return value;
  if (value.kind === 'scalar') return value.value === null ? [] : [value];
  if (value.kind === 'object') return value.entries.map((e) => e.value);
  if (!set) return value.items;
  // A set of strings: each once, in lexical order (Terraform's cty sets of strings).
  const known = value.items.filter((i) => !isUnknown(i));
  const pending = value.items.filter(isUnknown);
  const unique = known.filter((item, i) => known.findIndex((other) => plainText(other) === plainText(item)) === i);
  return [...unique.sort((a, b) => (plainText(a) < plainText(b) ? -1 : plainText(a) > plainText(b) ? 1 : 0)), ...pending];
}

function plainText(value: Located): string {
  return value.kind === 'scalar' ? String(value.value) : '';
}

/** A string template: the parts' text, unknown when any part is. */
function text(range: SourceRange | undefined, ...parts: Array<Located | string>): Located {
  let out = '';
  const unresolved = [];
  for (const part of parts) {
    if (typeof part === 'string') out += part;
    else if (isUnknown(part)) {
      unresolved.push(...part.unresolved);
      out += String(part.value);
    } else out += part.kind === 'scalar' && part.value !== null ? String(part.value) : '';
  }
  return scalar(out, range, unresolved);
}

function mapText(value: Located, change: (s: string) => string): Located {
  if (isUnknown(value) || value.kind !== 'scalar' || typeof value.value !== 'string') return value;
  return { ...value, value: change(value.value) };
}

const list = (items: Located[] | Unknown, range?: SourceRange): Located => (Array.isArray(items) ? { kind: 'array', items, range } : items);
const strings = (values: string[], range?: SourceRange): Located => ({ kind: 'array', items: values.map((v) => scalar(v, range)), range });

interface StatementInput {
  sid?: Located;
  effect?: Located;
  actions?: Located;
  notActions?: Located;
  resources?: Located;
  notResources?: Located;
  principals?: Located[] | Unknown;
  notPrincipals?: Located[] | Unknown;
  conditions?: Array<Located>;
}

/** A `statement` block of `data "aws_iam_policy_document"`, as its body reads. */
function statement(input: StatementInput, range?: SourceRange): Located {
  const entries: LocatedEntry[] = [];
  const put = (key: string, value: Located | undefined) => {
    if (value && !(value.kind === 'scalar' && value.value === null && !isUnknown(value))) entries.push({ key, value });
  };
  put('sid', input.sid);
  put('effect', input.effect);
  put('actions', input.actions);
  put('not_actions', input.notActions);
  put('resources', input.resources);
  put('not_resources', input.notResources);
  if (input.principals) put('principals', list(input.principals));
  if (input.notPrincipals) put('not_principals', list(input.notPrincipals));
  if (input.conditions && input.conditions.length > 0) put('condition', { kind: 'array', items: input.conditions });
  return objectOf(entries, range);
}

const principal = (type: string, identifiers: Located, range?: SourceRange): Located => objectOf([{ key: 'type', value: scalar(type, range) }, { key: 'identifiers', value: identifiers }], range);
const condition = (test: Located | string, variable: Located, values: Located, range?: SourceRange): Located =>
  objectOf([{ key: 'test', value: typeof test === 'string' ? scalar(test, range) : test }, { key: 'variable', value: variable }, { key: 'values', value: values }], range);

/** `dynamic "condition" { for_each = list_of_objects … }`: each object's test, variable and values. */
function conditionsFrom(value: Located, range?: SourceRange): Located[] {
  const items = itemsOf(value);
  if (!Array.isArray(items)) return [items];
  return items.map((item) => (isUnknown(item) ? item : condition(field(item, 'test'), field(item, 'variable'), field(item, 'values'), item.range ?? range)));
}

function field(value: Located, key: string): Located {
  if (isUnknown(value)) return value;
  return (value.kind === 'object' ? value.entries.find((e) => e.key === key)?.value : undefined) ?? scalar(null, value.range);
}

/** `for_each = cond ? list : []` over condition blocks that do not use the iterator: n copies. */
function repeated(times: Located[] | Unknown, make: () => Located): Located[] {
  if (!Array.isArray(times)) return [times];
  return times.map(make);
}

/** `length(x) > 0 ? y : []`: y when x has items, the unknown when x is one. */
function whenAny(x: Located[] | Unknown, y: Located[] | Unknown): Located[] | Unknown {
  if (!Array.isArray(x)) return x;
  return x.length > 0 ? y : [];
}

/** A policy document's body → the JSON the AWS provider renders, or its refusal. */
function renderDocument(statements: Located[], range: SourceRange | undefined): Located | { error: string; range?: SourceRange } {
  const document = convertPolicyDocument(objectOf([{ key: 'statement', value: { kind: 'array', items: statements } }], range));
  const repeatedMessage = repeatedSid(document);
  return repeatedMessage ? { error: repeatedMessage, range } : document;
}

function awsAccount(call: ModuleCall): { partition: Located; account: Located } {
  return { partition: given(call.tf, 'data.aws_partition.current.partition', call.range), account: given(call.tf, 'data.aws_caller_identity.current.account_id', call.range) };
}

/** `count = var.create ? 1 : 0` on the role: its one instance, none, or an unknown. */
function created(flag: boolean | Unknown, call: ModuleCall, address: string, provider: ProviderId, render: () => ReturnType<ModuleResource['render']>): ModuleResource[] {
  if (flag === false) return [];
  if (flag !== true) return [{ address: `${call.prefix}.${address}`, provider, range: call.range, render: () => flag }];
  return [{ address: `${call.prefix}.${address}[0]`, provider, range: call.range, render }];
}

// ---------------------------------------------------------------------------------------------
// terraform-aws-modules/iam/aws//modules/iam-github-oidc-role, v5.6.0 – v5.60.0
// (github.com/terraform-aws-modules/terraform-aws-iam, modules/iam-github-oidc-role/main.tf and
// variables.tf at v5.6.0 4bd4c1e64bcce74c8d8f472f55c493500f4ac950, v5.7.0
// 3ec0f0fd5d360019231f14fc7431418b52deda0c, v5.39.1 de95e21a3bc51cd3a44b3b95a4c2f61000649ebb,
// v5.43.0 fc799c161cb5451a2c32ad48a89b2f69a91ae8bb, v5.45.0 95c49ef4179ac1846a4b2d03f7baa51d7029fc98,
// v5.53.0 6b60429bfb8078c6c2b25a7e8bfdfcb03fccf1f0 and v5.60.0 c29ec1ed409683086f63f83ff5b10a6f3c296ef2,
// where each change below first appears).

const IAM_V5 = '5.0.0 5.1.0 5.2.0 5.3.0 5.3.1 5.3.2 5.3.3 5.4.0 5.5.0 5.5.1 5.5.2 5.5.3 5.5.4 5.5.5 5.5.6 5.5.7 5.6.0 5.7.0 5.8.0 5.9.0 5.9.1 5.9.2 5.10.0 5.11.0 5.11.1 5.11.2 5.12.0 5.13.0 5.14.0 5.14.1 5.14.2 5.14.3 5.14.4 5.15.0 5.16.0 5.17.0 5.17.1 5.18.0 5.19.0 5.20.0 5.21.0 5.22.0 5.23.0 5.23.1 5.24.0 5.25.0 5.26.0 5.27.0 5.28.0 5.29.0 5.29.1 5.29.2 5.30.0 5.30.1 5.30.2 5.31.0 5.32.0 5.32.1 5.33.0 5.33.1 5.34.0 5.35.0 5.36.0 5.37.0 5.37.1 5.37.2 5.38.0 5.39.0 5.39.1 5.40.0 5.41.0 5.42.0 5.43.0 5.44.0 5.44.1 5.44.2 5.45.0 5.46.0 5.47.0 5.47.1 5.48.0 5.49.0 5.50.0 5.51.0 5.52.0 5.52.1 5.52.2 5.53.0 5.54.0 5.54.1 5.55.0 5.56.0 5.57.0 5.58.0 5.59.0 5.60.0'.split(' ');
const IAM_V6 = '6.0.0 6.0.1 6.1.0 6.1.1 6.1.2 6.2.0 6.2.1 6.2.2 6.2.3 6.3.0 6.4.0 6.5.0'.split(' ');

function githubOidcRole(call: ModuleCall, version: Version): ModuleResource[] {
  const r = call.range;
  const inputs = new Inputs(call, {
    create: scalar(true, r),
    provider_url: scalar('token.actions.githubusercontent.com', r),
    audience: scalar('sts.amazonaws.com', r),
    subjects: { kind: 'array', items: [], range: r },
    subject_condition: scalar('StringLike', r),
    additional_trust_policy_conditions: { kind: 'array', items: [], range: r },
  });
  return created(inputs.flag('create'), call, 'aws_iam_role.this', 'aws', () => {
    const { partition, account } = awsAccount(call);
    // "Just extra safety incase someone passes in a url with `https://`": replace(), every occurrence.
    const url = mapText(inputs.string('provider_url'), (s) => s.replaceAll('https://', ''));
    const issuer = atLeast(version, '5.43.0')
      ? condition('ForAllValues:StringEquals', text(r, url, ':iss'), list([text(r, 'https://', url)], r), r)
      : condition('ForAllValues:StringEquals', scalar('token.actions.githubusercontent.com:iss', r), strings([atLeast(version, '5.39.1') ? 'https://token.actions.githubusercontent.com' : 'http://token.actions.githubusercontent.com'], r), r);
    const subjects = inputs.list('subjects');
    const subjectValues = Array.isArray(subjects)
      ? list(subjects.map((s) => text(s.range ?? r, 'repo:', atLeast(version, '5.7.0') ? mapText(s, (t) => (t.startsWith('repo:') ? t.slice(5) : t)) : s)), r)
      : subjects;
    const conditions = [
      issuer,
      condition('ForAllValues:StringEquals', text(r, url, ':aud'), list([inputs.string('audience')], r), r),
      condition(atLeast(version, '5.45.0') ? inputs.string('subject_condition') : 'StringLike', text(r, url, ':sub'), subjectValues, r),
      ...(atLeast(version, '5.53.0') ? conditionsFrom(inputs.get('additional_trust_policy_conditions'), r) : []),
    ];
    return renderDocument(
      [
        statement(
          {
            sid: scalar('GithubOidcAuth', r),
            effect: scalar('Allow', r),
            actions: strings(['sts:TagSession', 'sts:AssumeRoleWithWebIdentity'], r),
            principals: [principal('Federated', list([text(r, 'arn:', partition, ':iam::', account, ':oidc-provider/', url)], r), r)],
            conditions,
          },
          r,
        ),
      ],
      r,
    );
  });
}

// ---------------------------------------------------------------------------------------------
// terraform-aws-modules/iam/aws//modules/iam-assumable-role-with-oidc, v5.0.0 – v5.60.0
// (modules/iam-assumable-role-with-oidc/main.tf and variables.tf at v5.0.0
// be6303e95bdf017fcd8a03137526aaa5dee803c6, v5.5.2 a95ccebcf769f9134210627afa6091384eab6136,
// v5.44.0 89fe17a6549728f1dc7e7a8f7b707486dfb45d89 and v5.60.0 c29ec1ed409683086f63f83ff5b10a6f3c296ef2).

function assumableRoleWithOidc(call: ModuleCall, version: Version): ModuleResource[] {
  const r = call.range;
  const empty: Located = { kind: 'array', items: [], range: r };
  const inputs = new Inputs(call, {
    create_role: scalar(false, r),
    provider_url: scalar('', r),
    provider_urls: empty,
    aws_account_id: scalar('', r),
    role_path: scalar('/', r),
    oidc_fully_qualified_subjects: empty,
    oidc_subjects_with_wildcards: empty,
    oidc_fully_qualified_audiences: empty,
    provider_trust_policy_conditions: empty,
    allow_self_assume_role: scalar(false, r),
  });
  return created(inputs.flag('create_role'), call, 'aws_iam_role.this', 'aws', () => {
    const { partition, account: caller } = awsAccount(call);
    const given = inputs.string('aws_account_id');
    const account = isUnknown(given) ? given : given.kind === 'scalar' && given.value !== '' && given.value !== null ? given : caller;
    // compact(distinct(concat(provider_urls, [provider_url]))), each without "https://".
    const listed = inputs.list('provider_urls');
    const single = inputs.string('provider_url');
    let urls: Located[] | Unknown;
    if (!Array.isArray(listed)) urls = listed;
    else {
      const all = [...listed, single];
      const pending = all.find(isUnknown);
      if (pending) urls = unknown(all.filter(isUnknown).flatMap((u) => u.unresolved), r);
      else {
        const texts = all.map(plainText).filter((t, i, list) => t !== '' && t !== 'null' && list.indexOf(t) === i);
        urls = texts.map((t) => scalar(t.replaceAll('https://', ''), all.find((a) => plainText(a) === t)?.range ?? r));
      }
    }
    const statements: Located[] = [];
    const self = inputs.flag('allow_self_assume_role');
    if (atLeast(version, '5.5.0') && self !== false) {
      if (self !== true) statements.push(self);
      else {
        const roleName = inputs.string('role_name');
        const path = inputs.string('role_path');
        if (atLeast(version, '5.5.2')) {
          const named = roleName.kind === 'scalar' && roleName.value === null && !isUnknown(roleName) ? text(r, inputs.string('role_name_prefix'), '*') : roleName;
          statements.push(
            statement(
              {
                sid: scalar('ExplicitSelfRoleAssumption', r),
                effect: scalar('Allow', r),
                actions: strings(['sts:AssumeRole'], r),
                principals: [principal('AWS', strings(['*'], r), r)],
                conditions: [condition('ArnLike', scalar('aws:PrincipalArn', r), list([text(r, 'arn:', partition, ':iam::', caller, ':role', path, named)], r), r)],
              },
              r,
            ),
          );
        } else {
          statements.push(
            statement({ sid: scalar('ExplicitSelfRoleAssumption', r), effect: scalar('Allow', r), actions: strings(['sts:AssumeRole'], r), principals: [principal('AWS', list([text(r, 'arn:', partition, ':iam::', caller, ':role', path, roleName)], r), r)] }, r),
          );
        }
      }
    }
    const subjects = inputs.list('oidc_fully_qualified_subjects', true);
    const wildcards = inputs.list('oidc_subjects_with_wildcards', true);
    const audiences = inputs.list('oidc_fully_qualified_audiences', true);
    const perUrl = (url: Located): Located =>
      statement(
        {
          effect: scalar('Allow', r),
          actions: strings(atLeast(version, '5.44.0') ? ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'] : ['sts:AssumeRoleWithWebIdentity'], r),
          principals: [principal('Federated', list([text(r, 'arn:', partition, ':iam::', account, ':oidc-provider/', url)], r), r)],
          conditions: [
            ...repeated(whenAny(subjects, urls), () => condition('StringEquals', text(r, url, ':sub'), list(subjects as Located[], r), r)),
            ...repeated(whenAny(wildcards, urls), () => condition('StringLike', text(r, url, ':sub'), list(wildcards as Located[], r), r)),
            ...repeated(whenAny(audiences, urls), () => condition('StringLike', text(r, url, ':aud'), list(audiences as Located[], r), r)),
            ...(atLeast(version, '5.44.0') ? conditionsFrom(inputs.get('provider_trust_policy_conditions'), r) : []),
          ],
        },
        r,
      );
    if (Array.isArray(urls)) statements.push(...urls.map(perUrl));
    else statements.push(urls);
    return renderDocument(statements, r);
  });
}

// ---------------------------------------------------------------------------------------------
// terraform-aws-modules/iam/aws//modules/iam-role, v6.0.0 – v6.5.0 (modules/iam-role/main.tf and
// variables.tf at v6.0.0 4d779a5254223d5b64391ac0af7291b158141d71, v6.1.2
// 03d1b49d58a72afa1a4cb9369f49ef7ef38b8ff7 and v6.5.0 981121bcd17618b8ed032223c0d9e647b9277ef9).
// In v6 the GitHub role is this module with enable_github_oidc (iam-github-oidc-role is gone).

function iamRoleV6(call: ModuleCall, version: Version): ModuleResource[] {
  const r = call.range;
  const empty: Located = { kind: 'array', items: [], range: r };
  const inputs = new Inputs(call, {
    create: scalar(true, r),
    enable_oidc: scalar(false, r),
    oidc_account_id: scalar(null, r),
    oidc_provider_urls: empty,
    oidc_subjects: empty,
    oidc_wildcard_subjects: empty,
    oidc_audiences: empty,
    enable_github_oidc: scalar(false, r),
    github_provider: scalar('token.actions.githubusercontent.com', r),
    enable_bitbucket_oidc: scalar(false, r),
    enable_saml: scalar(false, r),
    saml_provider_ids: empty,
    saml_endpoints: strings(['https://signin.aws.amazon.com/saml'], r),
    saml_trust_actions: empty,
    trust_policy_conditions: empty,
    trust_policy_permissions: scalar(null, r),
  });
  return created(inputs.flag('create'), call, 'aws_iam_role.this', 'aws', () => {
    const { partition, account } = awsAccount(call);
    const urls = inputs.list('oidc_provider_urls');
    const providers: Located[] | Unknown = Array.isArray(urls) ? urls.map((u) => mapText(u, (s) => s.replaceAll('https://', ''))) : urls;
    if (Array.isArray(providers) && providers.length > 1 && !atLeast(version, '6.1.2')) {
      // local.bitbucket_provider = one(local.oidc_providers) before v6.1.2: plan fails for two or more.
      return { error: `Invalid function argument: must be a list, set, or tuple value with either zero or one elements (one(local.oidc_providers) in ${call.prefix})`, range: r };
    }
    const subjects = inputs.list('oidc_subjects');
    const wildcards = inputs.list('oidc_wildcard_subjects');
    const audiences = inputs.list('oidc_audiences');
    const generic = conditionsFrom(inputs.get('trust_policy_conditions'), r);
    const statements: Located[] = [];
    const enabled = (name: string, make: () => Located[]) => {
      const flag = inputs.flag(name);
      if (flag === true) statements.push(...make());
      else if (flag !== false) statements.push(flag);
    };
    const actions = strings(['sts:TagSession', 'sts:AssumeRoleWithWebIdentity'], r);
    const repoPrefixed = (items: Located[] | Unknown) => (Array.isArray(items) ? list(items.map((s) => text(s.range ?? r, 'repo:', mapText(s, (t) => (t.startsWith('repo:') ? t.slice(5) : t)))), r) : items);
    const audienceOr = (fallback: string) => (Array.isArray(audiences) ? (audiences.length > 0 ? list(audiences, r) : strings([fallback], r)) : audiences);
    enabled('enable_oidc', () => {
      if (!Array.isArray(providers)) return [providers];
      const oidcAccount = inputs.string('oidc_account_id');
      const owner = isUnknown(oidcAccount) ? oidcAccount : oidcAccount.kind === 'scalar' && oidcAccount.value !== null && oidcAccount.value !== '' ? oidcAccount : account;
      return providers.map((url) =>
        statement(
          {
            effect: scalar('Allow', r),
            actions,
            principals: [principal('Federated', list([text(r, 'arn:', partition, ':iam::', owner, ':oidc-provider/', url)], r), r)],
            conditions: [
              ...repeated(whenAny(subjects, providers), () => condition('StringEquals', text(r, url, ':sub'), list(subjects as Located[], r), r)),
              ...repeated(whenAny(wildcards, providers), () => condition('StringLike', text(r, url, ':sub'), list(wildcards as Located[], r), r)),
              ...repeated(whenAny(audiences, providers), () => condition('StringEquals', text(r, url, ':aud'), list(audiences as Located[], r), r)),
              ...generic,
            ],
          },
          r,
        ),
      );
    });
    enabled('enable_github_oidc', () => {
      const github = inputs.string('github_provider');
      return [
        statement(
          {
            sid: scalar('GithubOidcAuth', r),
            actions,
            principals: [principal('Federated', list([text(r, 'arn:', partition, ':iam::', account, ':oidc-provider/', github)], r), r)],
            conditions: [
              condition('ForAllValues:StringEquals', text(r, github, ':iss'), list([text(r, 'https://', github)], r), r),
              condition('ForAllValues:StringEquals', text(r, github, ':aud'), audienceOr('sts.amazonaws.com'), r),
              ...repeated(whenAny(subjects, [scalar(1)]), () => condition('StringEquals', text(r, github, ':sub'), repoPrefixed(subjects), r)),
              ...repeated(whenAny(wildcards, [scalar(1)]), () => condition('StringLike', text(r, github, ':sub'), repoPrefixed(wildcards), r)),
              ...generic,
            ],
          },
          r,
        ),
      ];
    });
    enabled('enable_bitbucket_oidc', () => {
      if (!Array.isArray(providers)) return [providers];
      const bitbucket = providers[0] ?? scalar(null, r);
      return [
        statement(
          {
            sid: scalar('BitbucketOidcAuth', r),
            actions,
            principals: [principal('Federated', list([text(r, 'arn:', partition, ':iam::', account, ':oidc-provider/', bitbucket)], r), r)],
            conditions: [
              condition('ForAllValues:StringEquals', text(r, bitbucket, ':aud'), audienceOr('sts.amazonaws.com'), r),
              ...repeated(whenAny(subjects, [scalar(1)]), () => condition('StringEquals', text(r, bitbucket, ':sub'), list(subjects as Located[], r), r)),
              ...repeated(whenAny(wildcards, [scalar(1)]), () => condition('StringLike', text(r, bitbucket, ':sub'), list(wildcards as Located[], r), r)),
              ...generic,
            ],
          },
          r,
        ),
      ];
    });
    enabled('enable_saml', () => {
      const extra = inputs.list('saml_trust_actions');
      const samlActions = Array.isArray(extra) ? list([...actionsOf(['sts:TagSession', 'sts:AssumeRoleWithSAML'], r), ...extra], r) : extra;
      return [
        statement(
          {
            effect: scalar('Allow', r),
            actions: samlActions,
            principals: [principal('Federated', inputs.get('saml_provider_ids'), r)],
            conditions: [condition('StringEquals', scalar('SAML:aud', r), inputs.get('saml_endpoints'), r), ...generic],
          },
          r,
        ),
      ];
    });
    const permissions = inputs.get('trust_policy_permissions');
    if (isUnknown(permissions)) statements.push(permissions);
    else if (permissions.kind === 'object') {
      // A map's for_each runs in key order; sid = try(coalesce(sid, key)).
      for (const entry of [...permissions.entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
        const value = entry.value;
        if (isUnknown(value)) {
          statements.push(value);
          continue;
        }
        const sid = field(value, 'sid');
        const blocks = (key: string) => {
          const items = itemsOf(field(value, key));
          return Array.isArray(items) ? items.map((p) => (isUnknown(p) ? p : principal(plainText(field(p, 'type')), field(p, 'identifiers'), p.range ?? r))) : items;
        };
        const conditionValue = field(value, 'condition');
        const effect = field(value, 'effect');
        statements.push(
          statement(
            {
              sid: isUnknown(sid) || (sid.kind === 'scalar' && sid.value !== null && sid.value !== '') ? sid : scalar(entry.key, r),
              effect: effect.kind === 'scalar' && effect.value === null && !isUnknown(effect) ? scalar('Allow', r) : effect,
              actions: field(value, 'actions'),
              notActions: field(value, 'not_actions'),
              resources: field(value, 'resources'),
              notResources: field(value, 'not_resources'),
              principals: blocks('principals'),
              notPrincipals: blocks('not_principals'),
              conditions: conditionsFrom(conditionValue, r),
            },
            value.range ?? r,
          ),
        );
      }
    }
    return renderDocument(statements, r);
  });
}

function actionsOf(values: string[], range?: SourceRange): Located[] {
  return values.map((v) => scalar(v, range));
}

// ---------------------------------------------------------------------------------------------
// terraform-module/gitlab-oidc-provider/aws, v0.1.0 – v1.1.0 (github.com/terraform-module/
// terraform-aws-gitlab-oidc-provider, main.tf and variables.tf at v1.0.0
// 211e2f6a9e271944d4ca47ef1038d3f0acc22abc (also v0.1.0), v1.0.1
// 4bfbf89c1629068a40530a123475f4698a02eeb3 and v1.1.0 ad489a336efde681c068e3c7f9a05701857ef19a).
// The trust policy's only condition is StringLike on "<provider url>:<match_field>" over the
// project paths; it has no audience condition. The url is the OIDC provider's stored url (no
// scheme) and the principal its ARN, as aws_iam_openid_connect_provider computes them.

function gitlabOidcProvider(call: ModuleCall, version: Version): ModuleResource[] {
  const r = call.range;
  const pathsInput = atLeast(version, '1.1.0') ? 'project_paths' : 'repositories';
  const inputs = new Inputs(call, {
    create_oidc_provider: scalar(true, r),
    create_oidc_role: scalar(true, r),
    url: scalar('https://gitlab.com', r),
    match_field: scalar('sub', r),
    [pathsInput]: { kind: 'array', items: [], range: r },
  });
  const provider = inputs.flag('create_oidc_provider');
  const role = inputs.flag('create_oidc_role');
  const both: boolean | Unknown = provider === false || role === false ? false : provider !== true ? provider : role;
  return created(both, call, 'aws_iam_role.this', 'aws', () => {
    const { partition, account } = awsAccount(call);
    const url = inputs.string('url');
    if (!isUnknown(url)) {
      const problem = openIdUrlProblem(plainText(url));
      if (problem) return { error: `${call.prefix}.aws_iam_openid_connect_provider.this[0]: "url" ${problem}`, range: url.range ?? r };
    }
    const stored = mapText(url, (s) => s.replace(/^https:\/\//, ''));
    const paths = inputs.list(pathsInput);
    if (Array.isArray(paths)) {
      // The variable's validation (regexall in variables.tf): v1.1.0 dropped the leading ^.
      const pattern = atLeast(version, '1.1.0') ? /project_path:[A-Za-z0-9_.-]+?\/([A-Za-z0-9_.:/-]+|\*)$/ : /^project_path:[A-Za-z0-9_.-]+?\/([A-Za-z0-9_.:/-]+|\*)$/;
      const bad = paths.find((p) => !isUnknown(p) && !pattern.test(plainText(p)));
      if (bad) {
        const words = atLeast(version, '1.1.0') ? 'Projects must be specified in the "project_path:namespace/project" format.' : 'Repositories must be specified in the organization/repository format.';
        return { error: `Invalid value for variable ${pathsInput} of ${call.prefix}: ${words}`, range: bad.range ?? r };
      }
    }
    return renderDocument(
      [
        statement(
          {
            effect: scalar('Allow', r),
            actions: strings(['sts:AssumeRoleWithWebIdentity'], r),
            principals: [principal('Federated', list([text(r, 'arn:', partition, ':iam::', account, ':oidc-provider/', stored)], r), r)],
            conditions: [condition('StringLike', text(r, stored, ':', inputs.string('match_field')), list(paths, r), r)],
          },
          r,
        ),
      ],
      r,
    );
  });
}

// ---------------------------------------------------------------------------------------------
// terraform-google-modules/github-actions-runners/google//modules/gh-oidc, v2.0.0 – v5.1.0
// (github.com/terraform-google-modules/terraform-google-github-actions-runners,
// modules/gh-oidc/main.tf and variables.tf at v2.0.0 138c75378652d24f2e1706c828cb975628dd42ce,
// v3.1.0 a1625d1e6c9f0f6cd934d64346d771d8d9d2fd68 (issuer_uri becomes an input) and v5.1.0
// 9c9c95c0a4f5bf36fc84ff96c85deb862646aa05). The provider takes attribute_mapping and
// attribute_condition as given; each sa_mapping entry grants roles/iam.workloadIdentityUser on
// its sa_name to principalSet://iam.googleapis.com/<pool name>/<attribute>.

export interface GcpParts {
  provider: Located;
  name: Located;
  grants: Array<{ address: string; account: string; binding: Located }>;
}

function ghOidc(call: ModuleCall, version: Version, build: (parts: GcpParts, account?: string) => Located): ModuleResource[] {
  const r = call.range;
  const inputs = new Inputs(call, {
    attribute_condition: scalar(null, r),
    attribute_mapping: objectOf(
      [
        { key: 'google.subject', value: scalar('assertion.sub', r) },
        { key: 'attribute.actor', value: scalar('assertion.actor', r) },
        { key: 'attribute.aud', value: scalar('assertion.aud', r) },
        { key: 'attribute.repository', value: scalar('assertion.repository', r) },
      ],
      r,
    ),
    allowed_audiences: { kind: 'array', items: [], range: r },
    issuer_uri: scalar('https://token.actions.githubusercontent.com', r),
    sa_mapping: objectOf([], r),
    provider_display_name: scalar(null, r),
  });
  const required = (name: string) => {
    const value = inputs.get(name);
    return value.kind === 'scalar' && value.value === null && !isUnknown(value) ? unknown([{ name: `${call.prefix}.${name}`, range: r }], r) : value;
  };
  const project = projectNumberOf(call.tf, r);
  const poolName = text(r, 'projects/', project, '/locations/global/workloadIdentityPools/', required('pool_id'));
  const name = text(r, poolName, '/providers/', required('provider_id'));
  const audiences = inputs.get('allowed_audiences');
  const entries: LocatedEntry[] = [];
  const mapping = inputs.get('attribute_mapping');
  entries.push({ key: 'attribute_mapping', value: mapping });
  const conditionValue = inputs.get('attribute_condition');
  if (!(conditionValue.kind === 'scalar' && conditionValue.value === null && !isUnknown(conditionValue))) entries.push({ key: 'attribute_condition', value: conditionValue });
  const display = inputs.get('provider_display_name');
  if (!(display.kind === 'scalar' && display.value === null && !isUnknown(display))) entries.push({ key: 'display_name', value: display });
  const issuer = atLeast(version, '3.1.0') ? inputs.get('issuer_uri') : scalar('https://token.actions.githubusercontent.com', r);
  const oidcEntries: LocatedEntry[] = [{ key: 'issuer_uri', value: issuer }];
  // An empty allowed_audiences is not sent: the pool provider then takes its own resource name.
  if (!(audiences.kind === 'array' && audiences.items.length === 0)) oidcEntries.push({ key: 'allowed_audiences', value: audiences });
  entries.push({ key: 'oidc', value: { kind: 'array', items: [objectOf(oidcEntries, r)], range: r } });
  const provider = objectOf(entries, r);
  const grants: GcpParts['grants'] = [];
  const mappingInput = inputs.get('sa_mapping');
  const base = `${call.prefix}.google_service_account_iam_member.wif-sa`;
  if (isUnknown(mappingInput)) grants.push({ address: base, account: `unknown:${mappingInput.unresolved.map((u) => u.name).join(',')}`, binding: mappingInput });
  else if (mappingInput.kind === 'object') {
    for (const entry of [...mappingInput.entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
      const account = field(entry.value, 'sa_name');
      const attribute = field(entry.value, 'attribute');
      const member = text(entry.value.range ?? r, 'principalSet://iam.googleapis.com/', poolName, '/', attribute);
      grants.push({
        address: `${base}[${JSON.stringify(entry.key)}]`,
        account: isUnknown(account) ? `unknown:${account.unresolved.map((u) => u.name).join(',')}` : `value:${plainText(account)}`,
        binding: objectOf([{ key: 'role', value: scalar('roles/iam.workloadIdentityUser', r) }, { key: 'members', value: { kind: 'array', items: [member], range: member.range } }], entry.value.range ?? r),
      });
    }
  }
  const parts: GcpParts = { provider, name, grants };
  const accounts = [...new Set(grants.map((g) => g.account))];
  const address = `${call.prefix}.google_iam_workload_identity_pool_provider.main`;
  if (accounts.length <= 1) return [{ address, provider: 'gcp', range: r, render: () => build(parts, accounts[0]) }];
  // Grants on several service accounts are separate policies: each is decided on its own.
  return grants.map((g) => ({ address: g.address, provider: 'gcp' as const, range: r, render: () => build(parts, g.account) }));
}

// ---------------------------------------------------------------------------------------------

const GH_OIDC_RELEASES = '2.0.0 2.0.1 3.0.0 3.1.0 3.1.1 3.1.2 4.0.0 5.0.0 5.1.0'.split(' ');

function models(gcp: (parts: GcpParts, account?: string) => Located): Model[] {
  return [
    { ...MODULE_SOURCES.githubOidcRole, releases: IAM_V5.slice(IAM_V5.indexOf('5.6.0')), lineClosedBy: '6.0.0', resources: githubOidcRole,
      variables: [
        { since: '5.6.0', add: ['audience', 'create', 'description', 'force_detach_policies', 'max_session_duration', 'name', 'name_prefix', 'path', 'permissions_boundary_arn', 'policies', 'provider_url', 'subjects', 'tags'] },
        { since: '5.45.0', add: ['subject_condition'] },
        { since: '5.53.0', add: ['additional_trust_policy_conditions'] },
      ],
    },
    { ...MODULE_SOURCES.assumableRoleWithOidc, releases: IAM_V5, lineClosedBy: '6.0.0', resources: assumableRoleWithOidc,
      variables: [
        {
          since: '5.0.0',
          add: ['aws_account_id', 'create_role', 'force_detach_policies', 'max_session_duration', 'number_of_role_policy_arns', 'oidc_fully_qualified_audiences', 'oidc_fully_qualified_subjects', 'oidc_subjects_with_wildcards', 'provider_url', 'provider_urls', 'role_description', 'role_name', 'role_name_prefix', 'role_path', 'role_permissions_boundary_arn', 'role_policy_arns', 'tags'],
        },
        { since: '5.5.0', add: ['allow_self_assume_role'] },
        { since: '5.40.0', add: ['inline_policy_statements'] },
        { since: '5.44.0', add: ['provider_trust_policy_conditions'] },
      ],
    },
    { ...MODULE_SOURCES.iamRole, releases: IAM_V6, resources: iamRoleV6,
      variables: [
        {
          since: '6.0.0',
          add: ['create', 'create_inline_policy', 'create_instance_profile', 'description', 'enable_bitbucket_oidc', 'enable_github_oidc', 'enable_oidc', 'enable_saml', 'github_provider', 'inline_policy_permissions', 'max_session_duration', 'name', 'oidc_account_id', 'oidc_audiences', 'oidc_provider_urls', 'oidc_subjects', 'oidc_wildcard_subjects', 'override_inline_policy_documents', 'path', 'permissions_boundary', 'policies', 'saml_endpoints', 'saml_provider_ids', 'saml_trust_actions', 'source_inline_policy_documents', 'tags', 'trust_policy_conditions', 'trust_policy_permissions', 'use_name_prefix'],
        },
      ],
    },
    { ...MODULE_SOURCES.gitlabOidcProvider, releases: ['0.1.0', '1.0.0', '1.0.1', '1.1.0'], resources: gitlabOidcProvider,
      variables: [
        { since: '0.1.0', add: ['aud_value', 'create_oidc_provider', 'create_oidc_role', 'gitlab_url', 'match_field', 'max_session_duration', 'oidc_role_attach_policies', 'repositories', 'role_description', 'role_name', 'tags', 'url'] },
        { since: '1.0.1', add: ['gitlab_tls_url'] },
        { since: '1.1.0', add: ['project_paths'], remove: ['gitlab_url', 'repositories'] },
      ],
    },
    { ...MODULE_SOURCES.ghOidc, releases: GH_OIDC_RELEASES, resources: (call, version) => ghOidc(call, version, gcp),
      variables: [
        { since: '2.0.0', add: ['allowed_audiences', 'attribute_condition', 'attribute_mapping', 'pool_description', 'pool_display_name', 'pool_id', 'project_id', 'provider_description', 'provider_display_name', 'provider_id', 'sa_mapping'] },
        { since: '3.1.0', add: ['issuer_uri'] },
      ],
    },
  ];
}

function literal(tf: TerraformText, block: PositionBlock, name: string): string | null {
  const attribute = attributeOf(block, name);
  if (!attribute) return null;
  const value = evaluateAt(tf, attribute.value);
  return value.kind === 'scalar' && !isUnknown(value) && typeof value.value === 'string' ? value.value : null;
}

/** The release Terraform installs for the call, or why the call is not followed. */
function chooseRelease(model: Model, source: ParsedSource, constraintText: string | null): Version | string {
  const modelled = `${model.releases[0]} to ${model.releases.at(-1)}`;
  const known = model.releases.map(at);
  if (source.repository) {
    const ref = source.ref ? parseVersion(source.ref) : null;
    if (!ref || ref.given !== 3) return `its ref ${source.ref ?? '(none: the default branch)'} is not a release tag; trustlens models releases ${modelled}`;
    return known.some((v) => compare(v, ref.version) === 0) ? ref.version : `release ${source.ref} is not one trustlens models (${modelled})`;
  }
  if (constraintText === null) return `it has no version, so Terraform installs the newest release; trustlens models releases ${modelled}: pin one`;
  const constraint = parseConstraint(constraintText);
  if (!constraint) return `its version "${constraintText}" is not a version constraint trustlens reads`;
  const chosen = [...known].reverse().find(constraint.admits);
  if (!chosen) return `no release trustlens models (${modelled}) meets its version "${constraintText}"`;
  const upper = constraint.upper as Constraint['upper'];
  const bound = model.lineClosedBy ? { version: at(model.lineClosedBy), inclusive: false } : { version: known.at(-1)!, inclusive: true };
  const within = upper !== null && (compare(upper.version, bound.version) < 0 || (compare(upper.version, bound.version) === 0 && (bound.inclusive || !upper.inclusive)));
  if (!within) return `its version "${constraintText}" admits releases after ${model.releases.at(-1)} (modelled: ${modelled}): pin one`;
  return chosen;
}

/**
 * Every module call of the text: the trust resources of those followed, and why each other one
 * is not followed. `gcp` builds a Google Cloud configuration from a pool provider and its grants.
 */
export function moduleTargets(tf: TerraformText, gcp: (parts: GcpParts, account?: string) => Located): { resources: ModuleResource[]; notFollowed: NotFollowed[] } {
  const resources: ModuleResource[] = [];
  const notFollowed: NotFollowed[] = [];
  const all = models(gcp);
  for (const block of topBlocks(tf, 'module')) {
    const name = block.labels[0];
    const range = rangeOf(tf, block.start, block.start + 1);
    const sourceText = literal(tf, block, 'source') ?? '';
    const source = parseSource(sourceText);
    const model = source ? all.find((m) => sourceIs(source, m)) : undefined;
    if (!source || !model) {
      notFollowed.push({ name, source: sourceText || 'its source', reason: 'trustlens does not model this module', range });
      continue;
    }
    const release = chooseRelease(model, source, literal(tf, block, 'version'));
    if (typeof release === 'string') {
      notFollowed.push({ name, source: sourceText, reason: release, range });
      continue;
    }
    const instances = instancesOf(tf, block);
    if (!Array.isArray(instances)) {
      resources.push({ address: `module.${name}`, provider: model.registry.endsWith('/google') ? 'gcp' : 'aws', range, render: () => instances });
      continue;
    }
    // Terraform refuses an argument the installed release does not declare ("Unsupported argument").
    const variables = declared(model, release);
    const unsupported = block.body.find((item) => item.kind === 'attribute' && !META_ARGUMENTS.has(item.name) && !variables.has(item.name));
    for (const instance of instances) {
      const call: ModuleCall = { tf, block, bindings: instance.bindings, prefix: `module.${name}${instance.suffix}`, range: rangeOf(tf, block.start, block.end) };
      const declaredResources = model.resources(call, release);
      if (unsupported?.kind === 'attribute') {
        const at = rangeOf(tf, unsupported.nameStart, unsupported.nameStart + unsupported.name.length);
        const error = { error: `Unsupported argument: an argument named "${unsupported.name}" is not expected here (release ${release.join('.')} of ${sourceText} has no such variable)`, range: at };
        resources.push(...declaredResources.map((r) => ({ ...r, render: () => error })));
      } else resources.push(...declaredResources);
    }
  }
  return { resources, notFollowed };
}
