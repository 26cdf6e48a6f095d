/**
 * "Who else gets in": witnesses along each attacker axis, each a token built through the issuer
 * model and admitted by evaluate() on exactly its claims. Nothing is reported as admitted by
 * reasoning alone.
 */
import { consistencyProblems, githubRunFromClaims, gitlabJobFromClaims, mintGitHub, mintGitLab, modelFamily } from '../claims/models';
import { detectProvider, evaluate } from '../evaluate';
import { convertIac, detectIacFormat, iacRequestFromOptions } from '../inputs/index';
import { mapRange } from '../inputs/located';
import type { EvaluationContext } from '../provider';
import { PROVIDERS } from '../providers/index';
import { SIGNATURE_NOT_CHECKED } from '../verify';
import type { EvaluationResult, ProviderId } from '../result';
import { claimsToken } from '../token';
import { valueText } from '../value-text';
import { AXES, githubMoves, gitlabMoves, type Move } from './axes';
import { constraintsFor } from './constraints';
import type { Constraints } from './constraints/types';
import { intendedCandidates } from './intended';
import { gradeOf, summarise } from './summary';
import type { Claims, ExposureInput, ExposureReport, Witness } from './types';

/** Witnesses per axis: enough to show the gap, few enough to read. */
const PER_AXIS = 1;

export interface Prover {
  (claims: Claims): EvaluationResult;
}

export function proverFor(input: Pick<ExposureInput, 'policyText' | 'at' | 'options'>, provider: ProviderId): Prover {
  return (claims) => evaluate({ policyText: input.policyText, provider, token: { ok: true, token: claimsToken(claims) }, at: input.at, options: input.options });
}

/**
 * A fast first pass over candidates: the provider's own evaluation on the configuration parsed
 * once (evaluate() parses on every call). It only decides which candidates are worth proving;
 * every witness is then proved by evaluate() itself.
 */
export function screenerFor(input: Pick<ExposureInput, 'policyText' | 'at' | 'options'>, provider: ProviderId): Prover & { readable: boolean } {
  const module = PROVIDERS[provider];
  const parsed = module.parse(input.policyText);
  const prove = proverFor(input, provider);
  if (!parsed.ok) return Object.assign((claims: Claims) => prove(claims), { readable: false });
  const context: EvaluationContext = { at: input.at, signature: SIGNATURE_NOT_CHECKED, options: input.options ?? {} };
  const screen = (claims: Claims) => {
    try {
      return module.evaluate(parsed.policy, claimsToken(claims), context);
    } catch {
      return prove(claims);
    }
  };
  return Object.assign(screen, { readable: true });
}

export function isoInstant(at: number): string {
  return new Date(at * 1000).toISOString().replace('.000Z', 'Z');
}

function changedClaims(base: Claims, claims: Claims): string[] {
  const names = new Set([...Object.keys(base), ...Object.keys(claims)]);
  return [...names].filter((name) => JSON.stringify(base[name]) !== JSON.stringify(claims[name]));
}

export interface Analysis {
  report: ExposureReport;
  /** The token the witnesses vary: the given one, or the one built to be admitted. */
  base: Claims | null;
  constraints: Constraints;
}

export function analyse(input: ExposureInput): Analysis {
  const iacFormat = detectIacFormat(input.policyText);
  if (iacFormat) {
    // Terraform / CloudFormation: analysed as the configuration it converts to (the one evaluate()
    // decides with), so its conditions are read; locations are carried back into the pasted text.
    const outcome = convertIac(input.policyText, iacFormat, iacRequestFromOptions(input.options ?? {}, input.provider ?? null));
    if (!outcome.ok) return failed(input.provider ?? null, outcome.message);
    const { conversion } = outcome;
    const converted = analyse({ ...input, policyText: conversion.text, provider: conversion.provider });
    const opaqueConditions = converted.report.opaqueConditions?.map((condition) => ({
      ...condition,
      source: condition.source ? mapRange(condition.source, conversion.text, conversion.map) : undefined,
    }));
    return { ...converted, report: { ...converted.report, ...(opaqueConditions ? { opaqueConditions } : {}) } };
  }
  let provider = input.provider ?? null;
  if (!provider) {
    const detection = detectProvider(input.policyText);
    if (!detection.ok) return failed(null, detection.message);
    provider = detection.provider;
  }
  const prove = proverFor(input, provider);
  const screen = screenerFor(input, provider);
  const constraints = constraintsFor(provider, input.policyText);
  const opaque = [...constraints.opaque];
  if (!screen.readable) {
    // Forms evaluate() reads through a conversion (e.g. infrastructure-as-code text) reach the
    // analysis without their conditions: witnesses then come from the default moves only.
    opaque.push({ description: `the configuration's conditions could not be read in this form; only the default moves were tried` });
  }
  let base: Claims | null = input.claims ?? null;
  let baseResult: EvaluationResult | null = base ? prove(base) : null;
  if (baseResult && baseResult.decision === 'error' && baseResult.details.inputError === 'policy') return failed(provider, baseResult.message);
  const notes: string[] = [];
  if (!base || baseResult?.decision !== 'allow') {
    // No token given, or the given one is refused: vary a token the configuration admits instead.
    let built: { claims: Claims; result: EvaluationResult } | null = null;
    for (const candidate of intendedCandidates(constraints, input.at)) {
      const screened = screen(candidate);
      const result = screened.decision === 'allow' ? prove(candidate) : screened;
      if (result.decision === 'error' && result.details.inputError === 'policy') return failed(provider, result.message);
      if (!built || result.decision === 'allow') built = { claims: candidate, result };
      if (result.decision === 'allow') break;
    }
    if (base && built?.result.decision === 'allow') {
      notes.push(`the token given is refused (${baseResult!.message}); the witnesses vary a token the configuration admits`);
      base = built.claims;
      baseResult = built.result;
    } else if (!base && built) {
      base = built.claims;
      baseResult = built.result;
      if (built.result.decision !== 'allow') {
        opaque.push({ description: `no token the configuration admits could be built from the values it names (${built.result.message}); the witnesses vary the closest attempt` });
      }
    }
  }
  const witnesses: Witness[] = [];
  const family = base ? modelFamily(base) : null;
  if (base && family) {
    const moves: Move<unknown>[] = family === 'gitlab' ? gitlabMoves(gitlabJobFromClaims(base), constraints) : githubMoves(githubRunFromClaims(base), constraints);
    const mint = (job: unknown) => (family === 'gitlab' ? mintGitLab(job as never, base!) : mintGitHub(job as never, base!));
    const perAxis = new Map<string, number>();
    const seen = new Set<string>([JSON.stringify(base)]);
    for (const move of moves) {
      if ((perAxis.get(move.axis) ?? 0) >= PER_AXIS) continue;
      const claims = mint(move.job);
      const key = JSON.stringify(claims);
      if (seen.has(key)) continue;
      seen.add(key);
      if (consistencyProblems(claims).length > 0) continue;
      if (screen(claims).decision !== 'allow') continue;
      const result = prove(claims);
      if (result.decision !== 'allow') continue;
      perAxis.set(move.axis, (perAxis.get(move.axis) ?? 0) + 1);
      witnesses.push({ axis: move.axis, label: move.label, claims, at: isoInstant(input.at), decision: 'allow', message: result.message, changed: changedClaims(base, claims) });
    }
  } else if (base) {
    opaque.push({ description: `the token's issuer (${valueText(base.iss)}) has no token model: only GitLab and GitHub Actions tokens are varied` });
  }
  const order = Object.keys(AXES);
  witnesses.sort((a, b) => order.indexOf(a.axis) - order.indexOf(b.axis));
  const report: ExposureReport = {
    provider,
    grade: gradeOf(witnesses),
    summary: [...notes, ...summarise(base, witnesses, constraints, baseResult?.decision === 'allow')],
    opaque: opaque.map((condition) => (condition.source ? `${condition.description} (line ${condition.source.line}, column ${condition.source.column})` : condition.description)),
    opaqueConditions: opaque,
    witnesses,
  };
  return { report, base, constraints };
}

function failed(provider: ProviderId | null, message: string): Analysis {
  const report: ExposureReport = { provider: provider ?? 'aws', grade: 'pinned', summary: [], opaque: [], witnesses: [], error: message };
  return { report, base: null, constraints: { issuers: [], issuerPinned: false, hints: [], opaque: [] } };
}
