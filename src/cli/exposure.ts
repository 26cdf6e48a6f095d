/** `trustlens exposure`: who else the configuration lets in (contract: EXPOSURE.md in the shared docs). */
import { analyseExposure } from '../engine/exposure';
import type { ExposureReport } from '../engine/exposure/types';
import { parseArgs } from './args';
import { displayName, readClaims, readCommon, readFiles, wantsJson } from './exposure-inputs';
import type { CliIO } from './io';

export const EXPOSURE_USAGE =
  'usage: trustlens exposure --policy FILE [--token FILE | --claims FILE] [--provider aws|vault|gcp|azure] [--at TIME] [--option KEY=VALUE]... [--format text|json]';

/** The contract's JSON: exactly the documented members. */
export function exposureJson(report: ExposureReport): string {
  const witnesses = report.witnesses.map(({ axis, label, claims, at, decision, message }) => ({ axis, label, claims, at, decision, message }));
  return `${JSON.stringify({ provider: report.provider, grade: report.grade, summary: report.summary, opaque: report.opaque, witnesses }, null, 2)}\n`;
}

export function exposureText(report: ExposureReport): string {
  const lines = [`${report.provider}: exposure ${report.grade.toUpperCase()} — ${report.witnesses.length === 0 ? 'no token gets in beyond the intended one' : `${report.witnesses.length} other token${report.witnesses.length === 1 ? '' : 's'} get${report.witnesses.length === 1 ? 's' : ''} in`}`];
  if (report.summary.length > 0) {
    lines.push('What it admits:');
    for (const line of report.summary) lines.push(`  ${line}`);
  }
  if (report.witnesses.length > 0) {
    lines.push('Who else gets in (each checked: allow):');
    for (const witness of report.witnesses) {
      lines.push(`  [${witness.axis}] ${witness.label}`);
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
  const args = parseArgs(argv, ['policy', 'token', 'claims', 'provider', 'at', 'format', 'option'], ['option']);
  const jsonWanted = wantsJson(argv);
  const fail = (message: string): number => {
    io.stderr(`trustlens: ${message}\n`);
    if (jsonWanted) io.stdout(`${JSON.stringify({ error: message })}\n`);
    return 2;
  };
  if ('error' in args) return fail(`${args.error}\n${EXPOSURE_USAGE}`);
  if (args.positional.length > 0) return fail(`unexpected argument ${args.positional[0]}\n${EXPOSURE_USAGE}`);
  const common = readCommon(args, io);
  if (!common.ok) return fail(common.message);
  const policyPath = args.flags.get('policy');
  const tokenPath = args.flags.get('token');
  const claimsPath = args.flags.get('claims');
  if (!policyPath) return fail(`--policy is required\n${EXPOSURE_USAGE}`);
  if (tokenPath && claimsPath) return fail(`give at most one of --token and --claims\n${EXPOSURE_USAGE}`);
  const tokenFile = tokenPath ?? claimsPath;
  const files = await readFiles([policyPath, ...(tokenFile ? [tokenFile] : [])], io);
  if (!files.ok) return fail(files.message);
  let claims: Record<string, unknown> | null = null;
  if (tokenFile) {
    const read = readClaims(files.value[tokenFile], tokenFile, tokenPath ? 'token' : 'claims');
    if (!read.ok) return fail(read.message);
    claims = read.value;
  }
  const { provider, at, options, format } = common.value;
  const report = analyseExposure({ policyText: files.value[policyPath], provider, claims, at, options });
  if (report.error) return fail(`${displayName(policyPath)}: ${report.error}`);
  io.stdout(format === 'json' ? exposureJson(report) : exposureText(report));
  return report.witnesses.length > 0 ? 1 : 0;
}
