/**
 * What goes into a share link. By default: the decoded claims and header, never the signature,
 * so the link reproduces the decision but cannot be replayed. The raw token is an explicit opt-in.
 */
import type { ProviderId } from '../result';
import { isoOf, relativeTime } from '../time';
import { normaliseCompact, type Token } from '../token';
import { redactClaims, redactedClaimsMentioned } from './redact';
import { scrubSignaturesInJson } from './signatures';
import { decodeFragment, encodeShareFragment, MAX_FRAGMENT_CHARS, type ShareState } from './state';

export interface ShareInput {
  provider: ProviderId;
  policy: string;
  /** What the user typed: a JWS or a claims JSON. */
  tokenText: string;
  /** Decoded, from src/engine/token.ts; null when the input does not decode. */
  token: Token | null;
  at: number | null;
  options?: Record<string, string>;
  /** Compare mode: the earlier configuration; absent when not comparing. */
  before?: string | null;
}

export interface ShareChoices {
  /** Opt-in: the raw token, signature included. */
  includeToken: boolean;
  redact: boolean;
}

/** Links longer than this are flagged: some chat tools, proxies and browsers cut them. */
export const SHARE_LINK_WARN_CHARS = 8192;

/**
 * True when the token input is left out of links: it is not claims JSON and does not decode as
 * one token, so what it holds (a signature, two tokens, a cut-off token) cannot be told apart.
 */
export function tokenInputLeftOut(input: ShareInput): boolean {
  return input.token === null && !input.tokenText.trim().startsWith('{') && input.tokenText.trim() !== '';
}

export function buildShareState(input: ShareInput, choices: ShareChoices): ShareState {
  const base = { v: 1 as const, provider: input.provider, policy: input.policy, at: input.at };
  const options = {
    ...(input.options && Object.keys(input.options).length > 0 ? { options: { ...input.options } } : {}),
    ...(typeof input.before === 'string' ? { before: input.before } : {}),
  };
  const token = input.token;
  if (choices.includeToken && token?.kind === 'jws') {
    // Redaction cannot apply here: changing a signed payload would break the signature it is shared for.
    return { ...base, claims: null, token: token.compact ?? normaliseCompact(input.tokenText).compact, ...options };
  }
  // Without the opt-in, nothing shaped like a signature reaches the link, wherever it sits:
  // a claim value, the header, the configuration, or claims JSON that does not parse.
  if (!token) {
    // Claims JSON that does not parse travels as typed (scrubbed), so the recipient sees the same
    // error; token input that does not decode is left out entirely.
    const text = tokenInputLeftOut(input) ? '' : input.tokenText;
    return scrubSignaturesInJson({ ...base, claims: null, token: text, ...options });
  }
  const claims = choices.redact ? redactClaims(token.claims).claims : { ...token.claims };
  const header = token.kind === 'jws' && token.header ? { header: { ...token.header } } : {};
  return scrubSignaturesInJson({ ...base, claims, token: null, ...header, ...options });
}

/** Everything the person sharing should know before the link leaves their hands. */
export function shareWarnings(input: ShareInput, choices: ShareChoices, at: number, baseUrl = ''): string[] {
  const warnings: string[] = [];
  const token = input.token;
  if (tokenInputLeftOut(input)) {
    warnings.push('The token input does not decode as one token, so the link leaves it out: the recipient gets the configuration only.');
  }
  const sharesRawToken = choices.includeToken && (token ? token.kind === 'jws' : !input.tokenText.trim().startsWith('{'));
  if (sharesRawToken && token) {
    const exp = token.claims.exp;
    if (typeof exp === 'number' && exp > at) {
      warnings.push(
        `This token is live until ${isoOf(exp)} (${relativeTime('exp', exp, at)}): anyone holding the link can present it to every role that trusts its issuer and audience until then. Share the claims without the signature instead.`,
      );
    } else if (exp === undefined) {
      warnings.push('This token has no expiry ("exp"): anyone holding the link may be able to present it. Share the claims without the signature instead.');
    }
  }
  if (sharesRawToken && choices.redact) {
    warnings.push('Redaction does not apply to the raw token: a signed token is shared exactly as issued, every claim included.');
  }
  if (choices.redact && !sharesRawToken && token) {
    const { redacted } = redactClaims(token.claims);
    const mentioned = redactedClaimsMentioned(input.policy, redacted);
    if (mentioned.length > 0) {
      warnings.push(
        `The configuration mentions ${mentioned.join(', ')}, which redaction masks: the shared link may not reproduce this decision.`,
      );
    }
  }
  const link = shareLink(baseUrl, buildShareState(input, choices));
  const stateLength = link.length - baseUrl.split('#')[0].length - '#s='.length;
  if (stateLength > MAX_FRAGMENT_CHARS) {
    warnings.push(`This link is ${link.length} characters long; its state exceeds the ${MAX_FRAGMENT_CHARS} characters trustlens loads, so it will not open.`);
  } else if (!link.loadable) {
    const outcome = decodeFragment(encodeShareFragment(buildShareState(input, choices)));
    warnings.push(`This link would not open in trustlens: ${outcome.kind === 'invalid' ? outcome.reason : 'its state is refused'}`);
  } else if (link.tooLong) {
    warnings.push(`This link is ${link.length} characters long (over 8 KB): some chat tools, proxies and browsers cut long links.`);
  }
  return warnings;
}

/** `loadable` is false when trustlens would refuse the link (too long once compressed, nested too deep, …). */
export function shareLink(
  baseUrl: string,
  state: ShareState,
): { url: string; length: number; tooLong: boolean; loadable: boolean } {
  const fragment = encodeShareFragment(state);
  const url = baseUrl.split('#')[0] + fragment;
  return {
    url,
    length: url.length,
    tooLong: url.length > SHARE_LINK_WARN_CHARS,
    // The decoder's own verdict: a link the app would refuse is never handed out silently.
    loadable: decodeFragment(fragment).kind === 'state',
  };
}
