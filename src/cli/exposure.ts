/** `trustlens exposure`: who else the configuration lets in (contract: docs/contracts/EXPOSURE.md). */
import { analyseExposure } from '../engine/exposure';
import type { ExposureReport } from '../engine/exposure/types';
import { claimsFrom, readVarFiles, displayName, readFiles, startCommand } from './exposure-inputs';
import type { CliIO } from './io';
import { unusedVarWarnings, unusedVars } from './policy-input';

export const EXPOSURE_USAGE =
  'usage: trustlens exposure --policy FILE [--token FILE | --claims FILE] [--provider aws|vault|gcp|azure] [--at TIME] [--option KEY=VALUE]... [--format text|json] [--resource TYPE.NAME] [--var NAME=VALUE]... [--var-file FILE.tfvars]...';

/** The contract's JSON: exactly the documented members. */
export function exposureJson(report: ExposureReport): string {
  const witnesses = report.witnesses.map(({ axis, label, claims, at, decision, message, reach, via }) => ({ axis, label, claims, at, decision, message, reach, via }));
  return `${JSON.stringify({ provider: report.provider, grade: report.grade, reach: report.reach, summary: report.summary, opaque: report.opaque, witnesses }, null, 2)}\n`;
}

export function exposureText(report: ExposureReport): string {
  const lines = [`${report.provider}: exposure ${report.grade.toUpperCase()} (reach: ${report.reach}) — ${report.witnesses.length === 0 ? 'no token gets in beyond the intended one' : `${report.witnesses.length} other token${report.witnesses.length === 1 ? '' : 's'} get${report.witnesses.length === 1 ? 's' : ''} in`}`];
  if (report.summary.length > 0) {
    lines.push('What it admits:');
    for (const line of report.summary) lines.push(`  ${line}`);
  }
  if (report.witnesses.length > 0) {
    lines.push('Who else gets in (each checked: allow):');
    for (const witness of report.witnesses) {
      lines.push(`  [${witness.axis}] ${witness.label}`);
      lines.push(`       reach: ${witness.reach}; via ${witness.via.label}${witness.via.line !== undefined ? ` (line ${witness.via.line})` : ''}`);
      const changed = witness.changed ?? [];
      for (const name of changed) {
        if (name in witness.claims) lines.push(`       ${name}: ${JSON.stringify(witness.claims[name])}`);
        else lines.push(`       ${name}: (absent)`);
      }
    }
  }
  if (report.opaque.length > 0) {
    lines.push('Not analysed:');
    for (const line of report.opaque) lines.push(`  ${line}`);
  }
  return `${lines.join('\n')}\n`;
}

export async function exposureCommand(argv: string[], io: CliIO): Promise<number> {
  const started = startCommand(argv, ['policy'], EXPOSURE_USAGE, io);
  if ('exit' in started) return started.exit;
  const { args, common, fail, tokenFile } = started;
  const varFileError = await readVarFiles(started, io);
  if (varFileError) return fail(varFileError);
  const policyPath = args.flags.get('policy');
  if (!policyPath) return fail(`--policy is required\n${EXPOSURE_USAGE}`);
  const files = await readFiles([policyPath, ...(tokenFile ? [tokenFile.path] : [])], io);
  if (!files.ok) return fail(files.message);
  const claims = claimsFrom(started, files.value);
  if (!claims.ok) return fail(claims.message);
  const { provider, at, options, format } = common;
  io.stderr(unusedVarWarnings(await unusedVars(files.value[policyPath], common.options, common.provider)));
  const report = analyseExposure({ policyText: files.value[policyPath], provider, claims: claims.value, at, options });
  if (report.error) return fail(`${displayName(policyPath)}: ${report.error}`);
  io.stdout(format === 'json' ? exposureJson(report) : exposureText(report));
  return report.witnesses.length > 0 ? 1 : 0;
}
