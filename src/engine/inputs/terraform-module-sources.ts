/**
 * The registry modules trustlens follows, by where Terraform fetches them from. Kept apart from
 * the modules' models so that the page can place a module call by its source alone, without the
 * code that reads the module's variables.
 */
import type { ProviderId } from '../result';

export interface ModuleSource {
  /** `namespace/name/provider`, as the registry names it. */
  registry: string;
  /** The module's folder in its repository (`//modules/…`), '' for the root. */
  subdir: string;
  /** `owner/name` on GitHub, for `github.com/…//…?ref=vX.Y.Z` and `git::` sources. */
  repository: string;
  /** Whose trust configuration the module declares. */
  provider: ProviderId;
}

export const MODULE_SOURCES = {
  githubOidcRole: { registry: 'terraform-aws-modules/iam/aws', subdir: 'modules/iam-github-oidc-role', repository: 'terraform-aws-modules/terraform-aws-iam', provider: 'aws' },
  assumableRoleWithOidc: { registry: 'terraform-aws-modules/iam/aws', subdir: 'modules/iam-assumable-role-with-oidc', repository: 'terraform-aws-modules/terraform-aws-iam', provider: 'aws' },
  iamRole: { registry: 'terraform-aws-modules/iam/aws', subdir: 'modules/iam-role', repository: 'terraform-aws-modules/terraform-aws-iam', provider: 'aws' },
  gitlabOidcProvider: { registry: 'terraform-module/gitlab-oidc-provider/aws', subdir: '', repository: 'terraform-module/terraform-aws-gitlab-oidc-provider', provider: 'aws' },
  ghOidc: { registry: 'terraform-google-modules/github-actions-runners/google', subdir: 'modules/gh-oidc', repository: 'terraform-google-modules/terraform-google-github-actions-runners', provider: 'gcp' },
} as const satisfies Record<string, ModuleSource>;

export interface ParsedSource {
  registry?: string;
  repository?: string;
  subdir: string;
  ref?: string;
}

/** A module source as Terraform reads it: a registry address or a GitHub repository (with `?ref=`). */
export function parseSource(source: string): ParsedSource | null {
  const registry = /^(?:registry\.terraform\.io\/|registry\.opentofu\.org\/)?([A-Za-z0-9][A-Za-z0-9_-]*\/[A-Za-z0-9][A-Za-z0-9_-]*\/[A-Za-z0-9]+)(?:\/\/([^?]*))?$/.exec(source);
  if (registry) return { registry: registry[1].toLowerCase(), subdir: (registry[2] ?? '').replace(/^\/+|\/+$/g, '') };
  const git = /^(?:git::)?(?:https:\/\/)?github\.com\/([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+?)(?:\.git)?(?:\/\/([^?]*))?(?:\?ref=([^&]+))?$/.exec(source);
  if (git) return { repository: git[1].toLowerCase(), subdir: (git[2] ?? '').replace(/^\/+|\/+$/g, ''), ref: git[3] };
  return null;
}

/** Whether a parsed source names the module `known`. */
export function sourceIs(source: ParsedSource, known: ModuleSource): boolean {
  return known.subdir === source.subdir && (source.registry ? known.registry === source.registry : known.repository === source.repository);
}

/** The module a source text names, if trustlens follows it. */
export function followedModule(sourceText: string): ModuleSource | null {
  const source = parseSource(sourceText);
  if (!source) return null;
  return Object.values(MODULE_SOURCES).find((known) => sourceIs(source, known)) ?? null;
}
