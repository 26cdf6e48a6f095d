/**
 * "Who else gets in": every way into the configuration (an Allow statement, a credential, a role,
 * each value of a multi-valued condition) is analysed on its own. For each, a token the way admits
 * is built through the issuer model from the values the configuration names, then varied along
 * each attacker axis; every witness is a token the issuer could mint and is admitted by
 * evaluate() on exactly its claims. Nothing is reported as admitted by reasoning alone.
 */
import { consistencyProblems, githubRunFromClaims, gitlabJobFromClaims, mintGitHub, mintGitLab, modelFamily, RETIRED_ISSUERS } from '../claims/models';
import { issuerFamily } from '../claims/issuer';
import { prepare } from '../evaluate';
import { mapRange } from '../inputs/located';
import type { EvaluationResult, ProviderId } from '../result';
import { valueText } from '../value-text';
import { AXES, githubMoves, gitlabMoves, type Move } from './axes';
import { constraintsFor } from './constraints';
import { ordinal, type AllowPath, type Constraints } from '../constraints';
import { claimMentions, differences } from './differences';
import { intendedCandidates } from './intended';
import { gradeOfReach, namedScopes, reachOf, widest, type NamedScopes } from './reach';
import { leadSentence, summarise } from './summary';
import type { Claims, ExposureInput, ExposureReport, OpaqueCondition, Reach, Via, Witness } from './types';
import { admitsVia, viaOf } from './via';

/** Witnesses per way in and axis: enough to show the gap, few enough to read. */
const PER_AXIS = 1;

interface Prover {
  (claims: Claims): EvaluationResult;
}

/** "AssumeRoleWithWebIdentity allowed by statement N (Sid X)": the statement that admits it. */
const AWS_ALLOWED_BY = /^AssumeRoleWithWebIdentity allowed by statement (\d+)/;

export function isoInstant(at: number): string {
  return new Date(at * 1000).toISOString().replace('.000Z', 'Z');
}

function changedClaims(base: Claims, claims: Claims): string[] {
  const names = new Set([...Object.keys(base), ...Object.keys(claims)]);
  return [...names].filter((name) => JSON.stringify(base[name]) !== JSON.stringify(claims[name])).sort();
}

export interface Analysis {
  report: ExposureReport;
  /** The token the witnesses vary first: the given one, or the one built for the first way in. */
  base: Claims | null;
  /** The tokens built for each way in, from the configuration alone. */
  intended: Claims[];
  constraints: Constraints;
}

interface Start {
  claims: Claims;
  path: AllowPath | null;
  /** Started from the token given rather than from the configuration. */
  given: boolean;
}

export function analyse(input: ExposureInput): Analysis {
  const options = input.options ?? {};
  // Terraform / CloudFormation: where eval stops on an unresolved value, so does the analysis, with
  // eval's message; otherwise its conditions are read from the converted configuration and every
  // witness is proved against the text as given.
  const prepared = prepare({ policyText: input.policyText, provider: input.provider ?? null, options });
  if (!prepared.ok || !prepared.provider || prepared.configurationText === null) {
    const message = prepared.error?.message ?? 'the configuration could not be read';
    // A text that does not convert names no provider of its own, whatever its candidates hold.
    return failed(prepared.error?.details.iac ? (input.provider ?? null) : prepared.provider, message);
  }
  const provider = prepared.provider;
  const conversion = prepared.conversion;
  const mapBack = conversion ? (condition: OpaqueCondition) => ({ ...condition, source: condition.source ? mapRange(condition.source, conversion.text, conversion.map) : undefined }) : null;
  const prove: Prover = (claims) => prepared.explain(claims, { at: input.at });
  // A configuration the service cannot hold (or that eval refuses outright, such as a condition
  // over the service's limits, or values the text does not give) is refused for every token: say
  // so with eval's message.
  const probe = prove({});
  if (probe.decision === 'error' && probe.details.inputError !== 'token') return failed(provider, probe.message);
  const decide = (claims: Claims) => prepared.decide(claims, { at: input.at });
  const screen = (claims: Claims) => decide(claims).decision;
  const constraints = constraintsFor(provider, prepared.configurationText);
  const opaque: OpaqueCondition[] = [...constraints.opaque];
  const paths: AllowPath[] = constraints.paths.length > 0 ? constraints.paths : [{ label: 'the configuration', hints: constraints.hints, issuers: constraints.issuers }];

  // The token given: when the configuration reads as unreadable, it says so with eval's message.
  const notes: string[] = [];
  const starts: Start[] = [];
  if (input.claims) {
    const result = prove(input.claims);
    if (result.decision === 'error' && result.details.inputError === 'policy') return failed(provider, result.message);
    if (result.decision === 'allow') starts.push({ claims: input.claims, path: null, given: true });
    else notes.push(`the token given is refused (${result.message}); the witnesses vary tokens the configuration admits`);
  }
  const unmodelled = new Set<string>();
  for (const path of paths) {
    const issuers = path.issuers.length > 0 ? path.issuers : constraints.issuers;
    const modelled = issuers.filter((issuer) => issuerModelled(issuer) && !RETIRED_ISSUERS.test(issuer));
    for (const issuer of issuers) if (!issuerModelled(issuer)) unmodelled.add(issuer);
    if (issuers.length > 0 && modelled.length === 0) continue;
    const scoped: Constraints = { ...constraints, hints: path.hints, issuers: modelled, paths: [path] };
    let found: Claims | null = null;
    for (const candidate of intendedCandidates(scoped, input.at)) {
      if (screen(candidate) !== 'allow') continue;
      const result = prove(candidate);
      if (result.decision === 'error' && result.details.inputError === 'policy') return failed(provider, result.message);
      // Built for this way in: it must get in through it, not only through another one.
      if (result.decision === 'allow' && admitsVia(result, path)) {
        found = candidate;
        break;
      }
    }
    if (found) starts.push({ claims: found, path, given: false });
    else opaque.push({ description: `${path.label}: no token the configuration admits could be built from the values it names; its witnesses are not analysed`, source: path.source });
  }

  const familyScopes = new Map<string, NamedScopes>();
  const scopesFor = (family: 'gitlab' | 'github') => {
    if (!familyScopes.has(family)) familyScopes.set(family, namedScopes(constraints, family));
    return familyScopes.get(family)!;
  };
  const witnesses: Witness[] = [];
  const named = claimMentions([input.policyText]);
  const seen = new Set<string>(starts.map((start) => JSON.stringify(start.claims)));
  const intendedReaches: Reach[] = [];
  const configWitnesses: Witness[] = [];
  for (const start of starts) {
    const family = modelFamily(start.claims);
    if (!family) {
      unmodelled.add(valueText(start.claims.iss));
      continue;
    }
    const scopes = scopesFor(family);
    if (!start.given) intendedReaches.push(reachOf(start.claims, family, scopes, 'intended'));
    const scoped: Constraints = start.path ? { ...constraints, hints: start.path.hints, paths: [start.path] } : constraints;
    const moves: Move<unknown>[] = family === 'gitlab' ? gitlabMoves(gitlabJobFromClaims(start.claims), scoped) : githubMoves(githubRunFromClaims(start.claims), scoped);
    const mint = (job: unknown) => (family === 'gitlab' ? mintGitLab(job as never, start.claims) : mintGitHub(job as never, start.claims));
    const perAxis = new Map<string, number>();
    for (const move of moves) {
      if ((perAxis.get(move.axis) ?? 0) >= PER_AXIS) continue;
      const claims = mint(move.job);
      const key = JSON.stringify(claims);
      if (seen.has(key)) continue;
      seen.add(key);
      if (consistencyProblems(claims).length > 0) continue;
      const quick = decide(claims);
      if (quick.decision !== 'allow') continue;
      // AWS names the admitting statement in its message: the fast decision says all a witness
      // shows. Elsewhere the evaluation's details name the credential or binding.
      const statement = provider === 'aws' ? AWS_ALLOWED_BY.exec(quick.message) : null;
      const result: EvaluationResult | null = statement ? null : prove(claims);
      if (result && result.decision !== 'allow') continue;
      perAxis.set(move.axis, (perAxis.get(move.axis) ?? 0) + 1);
      const witness: Witness = {
        axis: move.axis,
        label: move.label,
        claims,
        at: isoInstant(input.at),
        decision: 'allow',
        message: result ? result.message : quick.message,
        reach: reachOf(claims, family, scopes, move.axis),
        via: result ? viaOf(result, start.path, paths) : statementVia(Number(statement![1]), paths),
        changed: changedClaims(start.claims, claims),
        // Compared with the token given even when it is refused (the analysis then varies another).
        differences: differences(claims, input.claims ?? start.claims, named),
      };
      witnesses.push(witness);
      if (!start.given) configWitnesses.push(witness);
    }
  }
  for (const issuer of unmodelled) {
    opaque.push({ description: `the issuer ${issuer} has no token model: only GitLab and GitHub Actions tokens are varied` });
  }
  for (const issuer of constraints.issuers) {
    if (RETIRED_ISSUERS.test(issuer)) opaque.push({ description: `${issuer} is GitHub's retired issuer: it mints no tokens today, so no witness is built for it (remove it from the configuration)` });
  }

  const order = Object.keys(AXES);
  // A stable sort: within an axis and a way in, variations of the token given come first.
  witnesses.sort((a, b) => order.indexOf(a.axis) - order.indexOf(b.axis) || (a.via.line ?? 0) - (b.via.line ?? 0) || compareText(a.via.label, b.via.label));
  const reach = widest([...intendedReaches, ...witnesses.map((witness) => witness.reach)]);
  // The same move through the same way in, reaching as far, is shown once: from the token given
  // when there is one (it comes first), else from the token built for that way in.
  const shown = new Set<string>();
  const listed = witnesses.filter((witness) => {
    const key = `${witness.axis}\u0000${witness.via.label}\u0000${witness.reach}`;
    if (shown.has(key)) return false;
    shown.add(key);
    return true;
  });
  const base = starts[0]?.claims ?? null;
  const configBase = starts.find((start) => !start.given)?.claims ?? null;
  const summary = configBase
    ? [leadSentence(reach, [...configWitnesses, ...witnesses], configBase), ...summarise(configBase, configWitnesses, constraints)]
    : [starts.length > 0 ? leadSentence(reach, witnesses, starts[0].claims) : 'no token the configuration admits could be built from the values it names'];
  const located = mapBack ? opaque.map(mapBack) : opaque;
  const report: ExposureReport = {
    provider,
    grade: gradeOfReach(reach),
    reach,
    summary: [...notes, ...summary],
    opaque: located.map((condition) => (condition.source ? `${condition.description} (line ${condition.source.line}, column ${condition.source.column})` : condition.description)),
    opaqueConditions: located,
    witnesses: listed,
  };
  return { report, base, intended: starts.filter((start) => !start.given).map((start) => start.claims), constraints };
}

/** The AWS statement at `index`, labelled and located as its way in. */
function statementVia(index: number, paths: AllowPath[]): Via {
  const path = paths.find((p) => p.key === `statement:${index}`);
  const label = path ? path.label.split(', ')[0] : `the ${ordinal(index + 1)} statement`;
  return path?.source ? { label, line: path.source.line } : { label };
}

/** GitHub and GitLab issuers, and any issuer no other CI claims (a self-managed GitLab, say). */
function issuerModelled(issuer: string): boolean {
  const family = issuerFamily({ iss: issuer });
  return family === 'gitlab' || family === 'gitlab-legacy' || family === 'github' || family === 'unknown';
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function failed(provider: ProviderId | null, message: string): Analysis {
  const report: ExposureReport = { provider: provider ?? 'aws', grade: 'pinned', reach: 'none', summary: [], opaque: [], witnesses: [], error: message };
  return { report, base: null, intended: [], constraints: { issuers: [], issuerPinned: false, hints: [], opaque: [], paths: [] } };
}

export type { Via };
