/**
 * Exposure assertions in scenario files: `expect: { grade: narrow }` and
 * `refuses: [ { axis: other-project } ]` (no token on that axis gets in), so a team keeps
 * "no other project gets in" under test.
 */
import { analyseExposure } from '../engine/exposure';
import { readClaims } from './exposure-inputs';
import type { Scenario } from './scenarios';

export interface ExposureOutcome {
  passed: boolean;
  expected: { decision: string };
  actual: { decision: string; message: string };
}

export function runExposureScenario(scenario: Scenario, file: string, now: number): ExposureOutcome {
  const expectation = scenario.exposure!;
  const wanted = [
    ...(expectation.grade ? [`grade ${expectation.grade}`] : []),
    ...expectation.refuses.map(({ axis }) => `no witness on ${axis}`),
  ].join(', ');
  let claims: Record<string, unknown> | null = null;
  if (scenario.tokenText !== '') {
    const read = readClaims(scenario.tokenText, `${file} (${scenario.tokenKind})`, scenario.tokenKind);
    if (!read.ok) return { passed: false, expected: { decision: wanted }, actual: { decision: 'error', message: read.message } };
    claims = read.value;
  }
  const report = analyseExposure({ policyText: scenario.policyText, provider: scenario.provider, claims, at: scenario.at ?? now, options: scenario.options });
  if (report.error) return { passed: false, expected: { decision: wanted }, actual: { decision: 'error', message: report.error } };
  const refused = new Set(expectation.refuses.map(({ axis }) => axis));
  const breaches = report.witnesses.filter((witness) => refused.has(witness.axis));
  const gradeOk = expectation.grade === undefined || expectation.grade === report.grade;
  const message = breaches.length > 0 ? breaches.map((witness) => `${witness.axis} gets in: ${witness.label}`).join('; ') : report.summary.join('; ');
  return { passed: gradeOk && breaches.length === 0, expected: { decision: wanted }, actual: { decision: `grade ${report.grade}`, message } };
}
