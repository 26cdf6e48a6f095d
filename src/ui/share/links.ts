/**
 * Adapters from the workbench to share links and hand-offs (scenario file, CLI command, report).
 */
import type { EvaluationResult } from '../../engine/result';
import { isoOf } from '../../engine/time';
import type { TokenOutcome } from '../../engine/token';
import { encodeFragment } from '../state/fragment';
import { redactedShareState, shareStateOf } from './state';
import type { Workbench } from '../state/workbench';

export interface ShareOptions {
  includeToken: boolean;
  redact: boolean;
}

export function shareLinkFor(workbench: Workbench, baseUrl: string, options: ShareOptions): { url: string; redacted: string[] } {
  const state = shareStateOf(workbench, options.includeToken);
  const { state: shared, redacted } = options.redact ? redactedShareState(state) : { state, redacted: [] };
  return { url: `${baseUrl}${encodeFragment(shared)}`, redacted };
}

export interface HandOffs {
  scenario: string;
  cli: string;
  report: string;
}

export function handOffs(workbench: Workbench, token: TokenOutcome, result: EvaluationResult, at: number): HandOffs {
  const claims = token.ok ? token.token.claims : null;
  const scenario = JSON.stringify(
    {
      provider: workbench.provider,
      policy: workbench.policyText,
      scenarios: [{ name: 'observed in trustlens', claims, at: isoOf(at), expect: { decision: result.decision, message: result.message } }],
    },
    null,
    2,
  );
  const cli = `npx trustlens eval --provider ${workbench.provider} --policy policy.json --claims claims.json --at ${isoOf(at)} --format text`;
  const report = [
    `# trustlens report`,
    '',
    `- Decision: **${result.decision}**`,
    `- Message: ${result.message}`,
    `- Evaluated at: ${isoOf(at)}`,
    '',
    '| # | Check | Result | Reason |',
    '|---|---|---|---|',
    ...result.checks.map((check, index) => `| ${index + 1} | ${check.label} | ${check.result} | ${check.reason.replace(/\|/g, '\\|')} |`),
  ].join('\n');
  return { scenario, cli, report };
}
