/**
 * Policy diff: the witnesses of both versions (and the given token) each evaluated under both.
 * A token refused before and admitted after is a broadening; admitted before and refused after, a
 * narrowing. Both versions are analysed around the same token where possible, so their witnesses
 * are comparable.
 */
import { prepare } from '../evaluate';
import type { ProviderId, QuickDecision } from '../result';
import { analyse, isoInstant } from './analyse';
import { claimMentions, differences } from './differences';
import type { Claims, DiffReport, DiffWitness, Reach, Via } from './types';
import type { Detection } from '../evaluate';

export interface DiffInput {
  before: string;
  after: string;
  provider?: ProviderId | null;
  claims?: Claims | null;
  /** Unix seconds. */
  at: number;
  options?: Record<string, string>;
}

export type DiffOutcome = DiffReport & { error?: string };

interface Probe {
  axis: string;
  label: string;
  claims: Claims;
  reach?: Reach;
  via?: Via;
}

/** The provider of a version, with the --resource and --var choices Terraform and CloudFormation need. */
function detectFor(text: string, options: Record<string, string>): Detection {
  const prepared = prepare({ policyText: text, options });
  // Terraform or CloudFormation that does not convert has no provider yet, whatever its candidates are.
  const unconverted = !prepared.ok && prepared.conversion === null && prepared.error?.details.iac !== undefined;
  if (prepared.provider && !unconverted) return { ok: true, provider: prepared.provider };
  return { ok: false, message: prepared.error?.message ?? 'unknown provider' };
}

/** Decisions on one version: prepared once, decided through the provider's plan. */
function decisionsFor(policyText: string, provider: ProviderId, input: DiffInput): (claims: Claims) => QuickDecision {
  const prepared = prepare({ policyText, provider, options: input.options });
  return (claims) => prepared.decide(claims, { at: input.at });
}

export function diffPolicies(input: DiffInput): DiffOutcome {
  const none = { before: 'none', after: 'none' } as const;
  let provider = input.provider ?? null;
  if (!provider) {
    const before = detectFor(input.before, input.options ?? {});
    const after = detectFor(input.after, input.options ?? {});
    const detected = before.ok ? before : after;
    if (!detected.ok) return { provider: 'aws', reach: { ...none }, broadened: [], narrowed: [], unchanged: 0, error: detected.message };
    provider = detected.provider;
  }
  const common = { at: input.at, options: input.options, provider };
  const proveBefore = decisionsFor(input.before, provider, input);
  const proveAfter = decisionsFor(input.after, provider, input);
  const given = input.claims ?? null;
  const before = analyse({ ...common, policyText: input.before, claims: given });
  if (before.report.error) return { provider, reach: { ...none }, broadened: [], narrowed: [], unchanged: 0, error: `before: ${before.report.error}` };
  const after = analyse({ ...common, policyText: input.after, claims: given });
  if (after.report.error) return { provider, reach: { ...none }, broadened: [], narrowed: [], unchanged: 0, error: `after: ${after.report.error}` };

  // Every way into either version is analysed on its own (analyse), so a way the change adds has
  // its own tokens here, whatever the number of statements or values around it.
  const probes: Probe[] = [];
  if (given) probes.push({ axis: 'given', label: 'the token given', claims: given });
  for (const [analysis, which] of [[before, 'old'], [after, 'new']] as const) {
    for (const claims of analysis.intended) probes.push({ axis: 'intended', label: `a token the ${which} version was written for`, claims });
    for (const witness of analysis.report.witnesses) probes.push({ axis: witness.axis, label: witness.label, claims: witness.claims, reach: witness.reach, via: witness.via });
  }

  const named = claimMentions([input.before, input.after]);
  const seen = new Set<string>();
  const report: DiffOutcome = { provider, reach: { before: before.report.reach, after: after.report.reach }, broadened: [], narrowed: [], unchanged: 0 };
  for (const probe of probes) {
    const key = JSON.stringify(probe.claims);
    if (seen.has(key)) continue;
    seen.add(key);
    const old = proveBefore(probe.claims);
    const now = proveAfter(probe.claims);
    const witness: DiffWitness = {
      axis: probe.axis,
      label: probe.label,
      claims: probe.claims,
      at: isoInstant(input.at),
      before: old.decision,
      after: now.decision,
      beforeMessage: old.message,
      afterMessage: now.message,
      ...(probe.reach ? { reach: probe.reach } : {}),
      ...(probe.via ? { via: probe.via } : {}),
      differences: given ? differences(probe.claims, given, named) : [],
    };
    if (old.decision !== 'allow' && now.decision === 'allow') report.broadened.push(witness);
    else if (old.decision === 'allow' && now.decision !== 'allow') report.narrowed.push(witness);
    else report.unchanged += 1;
  }
  return report;
}
