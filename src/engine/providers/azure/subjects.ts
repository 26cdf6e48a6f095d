/**
 * GitHub subject shapes (GitHub OIDC reference; Entra immutable-subjects guide):
 * name-based `repo:OWNER/REPO:…` and, for repositories created, renamed or transferred after
 * 2026-07-15 or opted in, immutable `repo:OWNER@OWNER_ID/REPO@REPO_ID:…`.
 */

export interface GithubSubject {
  owner: string;
  repo: string;
  ownerId?: string;
  repoId?: string;
  /** Everything after `repo:OWNER/REPO:`, e.g. `environment:Production`, `ref:refs/heads/main`. */
  context: string;
}

const IMMUTABLE = /^repo:([^/@:]+)@(\d+)\/([^/@:]+)@(\d+):(.*)$/s;
const NAME_BASED = /^repo:([^/@:]+)\/([^/@:]+):(.*)$/s;

export function parseGithubSubject(subject: string): GithubSubject | null {
  const immutable = IMMUTABLE.exec(subject);
  if (immutable) return { owner: immutable[1], ownerId: immutable[2], repo: immutable[3], repoId: immutable[4], context: immutable[5] };
  const named = NAME_BASED.exec(subject);
  if (named) return { owner: named[1], repo: named[2], context: named[3] };
  return null;
}

export function isImmutable(subject: GithubSubject): boolean {
  return subject.ownerId !== undefined;
}

export function formatGithubSubject(subject: GithubSubject): string {
  const owner = subject.ownerId ? `${subject.owner}@${subject.ownerId}` : subject.owner;
  const repo = subject.repoId ? `${subject.repo}@${subject.repoId}` : subject.repo;
  return `repo:${owner}/${repo}:${subject.context}`;
}

/** Same repository by name (GitHub owner and repository names are case-insensitive). */
export function sameRepository(a: GithubSubject, b: GithubSubject): boolean {
  return a.owner.toLowerCase() === b.owner.toLowerCase() && a.repo.toLowerCase() === b.repo.toLowerCase();
}
