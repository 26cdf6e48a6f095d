/**
 * The URL fragment: `#s=<lz-string>` carries a workbench, `#example=<id>` names a gallery example.
 * The fragment never reaches a server, and it is rewritten with history.replaceState so edits do
 * not pile up in the browser history.
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { exampleById, type Example } from '../../engine/examples';
import { PROVIDER_IDS, type ProviderId } from '../../engine/result';
import { claimsText, type Workbench } from './workbench';

export interface ShareStateV1 {
  v: 1;
  provider: ProviderId;
  policy: string;
  claims: Record<string, unknown> | null;
  token: string | null;
  at: number | null;
}

export type FragmentOutcome =
  | { kind: 'none' }
  | { kind: 'state'; workbench: Workbench }
  | { kind: 'example'; example: Example }
  | { kind: 'invalid'; reason: string };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function workbenchFromShareState(value: unknown): Workbench | string {
  if (!isPlainObject(value)) return 'the state is not a JSON object';
  if (value.v !== 1) return `unsupported state version ${JSON.stringify(value.v ?? null)} (this app reads version 1)`;
  if (typeof value.provider !== 'string' || !PROVIDER_IDS.includes(value.provider as ProviderId)) {
    return `unknown provider ${JSON.stringify(value.provider ?? null)} (expected one of ${PROVIDER_IDS.join(', ')})`;
  }
  if (typeof value.policy !== 'string') return '"policy" must be a string';
  const hasClaims = isPlainObject(value.claims);
  const hasToken = typeof value.token === 'string';
  if (hasClaims === hasToken) return 'exactly one of "claims" and "token" must be set';
  if (value.at !== null && value.at !== undefined && (typeof value.at !== 'number' || !Number.isFinite(value.at))) {
    return '"at" must be a number of Unix seconds or null';
  }
  const options = isPlainObject(value.options)
    ? Object.fromEntries(Object.entries(value.options).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
    : {};
  return {
    provider: value.provider as ProviderId,
    policyText: value.policy,
    tokenText: hasToken ? (value.token as string) : claimsText(value.claims as Record<string, unknown>),
    at: typeof value.at === 'number' ? Math.floor(value.at) : null,
    options,
  };
}

export function readFragment(hash: string): FragmentOutcome {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  if (fragment === '') return { kind: 'none' };
  const params = new URLSearchParams(fragment);
  const example = params.get('example');
  if (example !== null) {
    const found = exampleById(example);
    return found ? { kind: 'example', example: found } : { kind: 'invalid', reason: `there is no example with id "${example}"` };
  }
  // Read `s=` by hand: URLSearchParams would turn the `+` of lz-string's alphabet into spaces.
  const match = /(?:^|&)s=([^&]*)/.exec(fragment);
  if (!match) return { kind: 'invalid', reason: 'the fragment has neither "s=" nor "example="' };
  let json: string | null = null;
  try {
    json = decompressFromEncodedURIComponent(match[1].replace(/^v1\./, ''));
  } catch {
    json = null;
  }
  if (!json) return { kind: 'invalid', reason: 'the state is not valid lz-string data (was the link cut short?)' };
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { kind: 'invalid', reason: 'the state does not decode to JSON' };
  }
  const workbench = workbenchFromShareState(value);
  return typeof workbench === 'string' ? { kind: 'invalid', reason: workbench } : { kind: 'state', workbench };
}

export function encodeFragment(state: ShareStateV1): string {
  return `#s=${compressToEncodedURIComponent(JSON.stringify(state))}`;
}
