/**
 * Plausible names for the values an attacker picks (project, group, repository, branch names).
 * GitLab paths: letters, digits, `_`, `-`, `.`, starting with a letter, digit or `_`
 * (https://docs.gitlab.com/user/reserved_names/ and the path format rules of
 * app/models/namespace.rb). GitHub names: letters, digits, `-`, `_`, `.` (owners without `_`/`.`).
 * Git refs: no control characters, space, `~^:?*[\` (git-check-ref-format).
 */
export const PATH_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
export const REF_NAME = /^[^\x00-\x20\x7f~^:?*[\\]+$/;

export function isPlausibleSegment(value: string): boolean {
  return PATH_SEGMENT.test(value) && !value.endsWith('.') && !value.includes('..');
}

export function isPlausiblePath(value: string, minSegments = 2): boolean {
  const segments = value.split('/');
  return segments.length >= minSegments && segments.every(isPlausibleSegment);
}

export function isPlausibleRef(value: string): boolean {
  if (!REF_NAME.test(value)) return false;
  if (value.startsWith('/') || value.endsWith('/') || value.endsWith('.') || value.includes('//') || value.includes('..') || value.includes('@{')) return false;
  return !value.split('/').some((part) => part.startsWith('.') || part.endsWith('.lock'));
}

/** A decimal ID different from every id given, derived from them so analyses are reproducible. */
export function otherId(...ids: unknown[]): string {
  let sum = 7;
  for (const id of ids) for (const char of String(id ?? '')) sum = (sum * 31 + char.charCodeAt(0)) % 900_000;
  const candidate = String(100_000 + sum);
  return ids.map(String).includes(candidate) ? String(100_000 + ((sum + 1) % 900_000)) : candidate;
}
