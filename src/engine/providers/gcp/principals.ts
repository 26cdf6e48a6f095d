/**
 * Principal identifiers a federated token becomes, and the shapes of IAM members that name them.
 * https://docs.cloud.google.com/iam/docs/workload-identity-federation#impersonation (principal
 * types), https://docs.cloud.google.com/iam/docs/workload-download-cred-and-grant-access; gcp.md §1.5.
 */
import type { ResourceName } from './parse';

export type PrincipalKind = 'subject' | 'group' | 'attribute' | 'pool';

export interface Principal {
  kind: PrincipalKind;
  identifier: string;
  attribute?: string;
  value?: string;
}

export function poolPath(resource: Pick<ResourceName, 'projectNumber' | 'poolId'>): string {
  return `iam.googleapis.com/projects/${resource.projectNumber}/locations/global/workloadIdentityPools/${resource.poolId}`;
}

export function principalsFor(resource: ResourceName, google: { subject?: string; groups?: string[] }, custom: Record<string, string>): Principal[] {
  const pool = poolPath(resource);
  const principals: Principal[] = [];
  if (google.subject !== undefined) principals.push({ kind: 'subject', identifier: `principal://${pool}/subject/${google.subject}`, value: google.subject });
  for (const group of google.groups ?? []) principals.push({ kind: 'group', identifier: `principalSet://${pool}/group/${group}`, value: group });
  for (const [name, value] of Object.entries(custom)) {
    principals.push({ kind: 'attribute', identifier: `principalSet://${pool}/attribute.${name}/${value}`, attribute: name, value });
  }
  principals.push({ kind: 'pool', identifier: `principalSet://${pool}/*` });
  return principals;
}

export interface MemberShape {
  kind: PrincipalKind | 'other';
  projectNumber?: string;
  poolId?: string;
  /** For attribute members: the attribute name without the `attribute.` prefix. */
  attribute?: string;
  /** Subject, group or attribute value; for attribute members everything after the name (one attribute per member). */
  value?: string;
}

const MEMBER = /^(principal|principalSet):\/\/iam\.googleapis\.com\/projects\/([^/]+)\/locations\/global\/workloadIdentityPools\/([^/]+)\/(.*)$/s;

export function parseMember(member: string): MemberShape {
  const match = MEMBER.exec(member);
  if (!match) return { kind: 'other' };
  const [, scheme, projectNumber, poolId, rest] = match;
  const base = { projectNumber, poolId };
  if (scheme === 'principal') {
    return rest.startsWith('subject/') ? { ...base, kind: 'subject', value: rest.slice('subject/'.length) } : { kind: 'other' };
  }
  if (rest === '*') return { ...base, kind: 'pool' };
  if (rest.startsWith('group/')) return { ...base, kind: 'group', value: rest.slice('group/'.length) };
  const attribute = /^attribute\.([^/]*)\/(.*)$/s.exec(rest);
  if (attribute) return { ...base, kind: 'attribute', attribute: attribute[1], value: attribute[2] };
  return { kind: 'other' };
}
