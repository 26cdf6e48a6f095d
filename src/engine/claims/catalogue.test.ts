import { describe, expect, it } from 'vitest';
import { CLAIM_CATALOGUE, CLAIM_TYPES, claimInfo, ISSUER_NOTES, SOURCES, valueMatchesType } from './catalogue';
import {
  aksServiceAccountClaims,
  azureDevOpsClaims,
  bitbucketClaims,
  buildkiteClaims,
  circleciClaims,
  eksServiceAccountClaims,
  GITHUB_DOCS_EXAMPLE_CLAIMS,
  GITLAB_DOCS_EXAMPLE_CLAIMS,
  googleServiceAccountClaims,
  terraformClaims,
} from './examples';
import type { IssuerFamily } from './issuer';

describe('CLAIM_CATALOGUE', () => {
  it('uses only known type texts and https sources', () => {
    for (const info of CLAIM_CATALOGUE) {
      expect(CLAIM_TYPES as readonly string[], info.name).toContain(info.type);
      expect(info.source, info.name).toMatch(/^https:\/\//);
    }
  });

  // RFC 7519 §4.1: https://www.rfc-editor.org/rfc/rfc7519.html#section-4.1
  it('has the registered claims', () => {
    for (const name of ['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti']) {
      expect(claimInfo('unknown', name)?.family, name).toBe('registered');
    }
  });

  // Every claim of the GitLab docs example token is catalogued, and its value has the catalogued
  // type (https://docs.gitlab.com/ci/secrets/id_token_authentication/).
  it('covers the GitLab docs example token with matching types', () => {
    for (const [name, value] of Object.entries(GITLAB_DOCS_EXAMPLE_CLAIMS)) {
      const info = claimInfo('gitlab', name);
      expect(info, name).toBeDefined();
      expect(valueMatchesType(info!.type, value), `${name}: ${info!.type}`).toBe(true);
    }
  });

  // https://docs.github.com/en/actions/concepts/security/openid-connect (example token)
  it('covers the GitHub docs example token with matching types', () => {
    for (const [name, value] of Object.entries(GITHUB_DOCS_EXAMPLE_CLAIMS)) {
      const info = claimInfo('github', name);
      expect(info?.family, name).toBe('github');
      expect(valueMatchesType(info!.type, value), `${name}: ${info!.type}`).toBe(true);
    }
  });

  // https://docs.github.com/en/actions/reference/security/oidc (custom claims list)
  it('has every documented GitHub custom claim', () => {
    const documented = ['actor', 'actor_id', 'base_ref', 'head_ref', 'check_run_id', 'enterprise', 'enterprise_id', 'environment', 'event_name', 'job_workflow_ref', 'job_workflow_sha', 'ref', 'ref_type', 'repository', 'repository_id', 'repository_owner', 'repository_owner_id', 'repository_visibility', 'run_id', 'run_number', 'run_attempt', 'runner_environment', 'sha', 'workflow', 'workflow_ref', 'workflow_sha'];
    for (const name of documented) {
      expect(claimInfo('github', name)?.family, name).toBe('github');
      expect(claimInfo('github', name)?.type, name).toBe('string');
    }
    expect(claimInfo('github', 'repo_property_business_unit')?.name).toBe('repo_property_*');
    expect(claimInfo('github', 'repo_property_')).toBeUndefined();
  });

  // GitLab source lib/gitlab/ci/jwt.rb, jwt_v2.rb, lib/json_web_token/user_project_token_claims.rb
  it('has every GitLab claim with its JSON type', () => {
    const expected: Record<string, string> = {
      namespace_id: 'string', namespace_path: 'string', project_id: 'string', project_path: 'string',
      user_id: 'string', user_login: 'string', user_email: 'string', user_access_level: 'string',
      user_identities: 'array of object', pipeline_id: 'string', pipeline_source: 'string', job_id: 'string',
      ref: 'string', ref_type: 'string', ref_path: 'string', ref_protected: 'string "true"/"false"',
      groups_direct: 'array of string', environment: 'string', environment_protected: 'string "true"/"false"',
      deployment_tier: 'string', environment_action: 'string', runner_id: 'number', runner_environment: 'string',
      sha: 'string', ci_config_ref_uri: 'string or null', ci_config_sha: 'string or null', project_visibility: 'string',
      job_project_id: 'string', job_project_path: 'string', job_namespace_id: 'string', job_namespace_path: 'string',
    };
    for (const [name, type] of Object.entries(expected)) {
      expect(claimInfo('gitlab', name)?.type, name).toBe(type);
      expect(claimInfo('gitlab-legacy', name)?.family, name).toBe('gitlab');
    }
    expect(claimInfo('gitlab', 'user_access_level')?.since).toBe('16.9');
    expect(claimInfo('gitlab', 'groups_direct')?.since).toBe('16.11');
  });

  // lib/gitlab/ci/jwt.rb vs jwt_v2.rb: v1 iss is the bare host, sub job_<id>, no aud.
  it('describes legacy v1 iss/sub/aud differently from id_tokens', () => {
    expect(claimInfo('gitlab-legacy', 'iss')?.meaning).toMatch(/bare host/);
    expect(claimInfo('gitlab', 'iss')?.meaning).toMatch(/instance URL/);
    expect(claimInfo('gitlab-legacy', 'sub')?.meaning).toMatch(/job_<job id>/);
    expect(claimInfo('gitlab', 'sub')?.meaning).toMatch(/project_path/);
    expect(claimInfo('gitlab-legacy', 'aud')?.present).toMatch(/never/);
  });

  it('falls back to registered claims and does not leak other issuers', () => {
    expect(claimInfo('circleci', 'exp')?.family).toBe('registered');
    expect(claimInfo('circleci', 'oidc.circleci.com/vcs-ref')?.family).toBe('other');
    expect(claimInfo('github', 'oidc.circleci.com/vcs-ref')).toBeUndefined();
    expect(claimInfo('unknown', 'project_path')).toBeUndefined();
    expect(claimInfo('github', 'project_path')).toBeUndefined();
  });
});

describe('valueMatchesType', () => {
  it('tells string booleans from booleans and numbers from numeric strings', () => {
    expect(valueMatchesType('string "true"/"false"', 'true')).toBe(true);
    expect(valueMatchesType('string "true"/"false"', true)).toBe(false);
    expect(valueMatchesType('string "true"/"false"', 'yes')).toBe(false);
    expect(valueMatchesType('number', 1)).toBe(true);
    expect(valueMatchesType('number', '1')).toBe(false);
    expect(valueMatchesType('string or null', null)).toBe(true);
    expect(valueMatchesType('array of string', ['a', 1])).toBe(false);
    expect(valueMatchesType('string or array of string', ['a'])).toBe(true);
  });
});

describe('catalogue of the other issuers', () => {
  // Each documented sample claim set (sources in examples.ts) is fully catalogued, and every value
  // has the catalogued type: Buildkite's build_number is a number, CircleCI's ssh-rerun and Google's
  // email_verified are booleans, Kubernetes' kubernetes.io is an object.
  const samples: Array<[IssuerFamily, Record<string, unknown>]> = [
    ['kubernetes', eksServiceAccountClaims(1_780_000_000)],
    ['kubernetes', aksServiceAccountClaims(1_780_000_000)],
    ['terraform', terraformClaims(1_780_000_000)],
    ['circleci', circleciClaims(1_780_000_000)],
    ['buildkite', buildkiteClaims(1_780_000_000)],
    ['bitbucket', bitbucketClaims(1_780_000_000, { deploymentEnvironmentUuid: '{e}' })],
    ['azure-devops', azureDevOpsClaims(1_780_000_000)],
    ['google', googleServiceAccountClaims(1_780_000_000)],
  ];
  for (const [family, claims] of samples) {
    it(`covers the ${family} sample with matching types`, () => {
      for (const [name, value] of Object.entries(claims)) {
        const info = claimInfo(family, name);
        expect(info, `${family} ${name}`).toBeDefined();
        expect(valueMatchesType(info!.type, value), `${family} ${name}: ${info!.type}`).toBe(true);
      }
    });
  }

  it('records the documented type surprises', () => {
    expect(claimInfo('buildkite', 'build_number')?.type).toBe('number');
    expect(claimInfo('buildkite', 'step_key')?.type).toBe('string or null');
    expect(claimInfo('circleci', 'oidc.circleci.com/ssh-rerun')?.type).toBe('boolean');
    expect(claimInfo('google', 'email_verified')?.type).toBe('boolean');
    expect(claimInfo('kubernetes', 'kubernetes.io')?.type).toBe('object');
    expect(valueMatchesType('boolean', 'false')).toBe(false);
    expect(valueMatchesType('object', [])).toBe(false);
  });

  // EKS Pod Identity uses sts:AssumeRole + sts:TagSession from pods.eks.amazonaws.com, not this token
  // (https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html).
  it('notes where EKS Pod Identity differs and where each issuer note comes from', () => {
    const kubernetes = ISSUER_NOTES.kubernetes ?? [];
    const podIdentity = kubernetes.find((note) => note.source === SOURCES.eksPodIdentity);
    expect(podIdentity?.text).toContain('pods.eks.amazonaws.com');
    expect(podIdentity?.text).toContain('sts:TagSession');
    for (const notes of Object.values(ISSUER_NOTES)) for (const note of notes ?? []) expect(note.source).toMatch(/^https:\/\//);
  });
});
