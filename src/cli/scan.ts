/** `trustlens scan`: every trust configuration of accounts, folders and exports, widest reach first (contract: docs/contracts/SCAN.md). */
import { assembleReport, prepareReaders, readInputs, reaches, type Reach, type ScanInput } from '../engine/scan/index';
import { parseInstant } from '../engine/time';
import { parseArgs } from './args';
import { wantsHelp } from './eval';
import { wantsJson } from './exposure-inputs';
import type { CliIO } from './io';
import { analyseAll } from './scan-analyse';
import { scanFiles } from './scan-files';
import { scanJson, scanMarkdown, scanSarif, scanText } from './scan-format';

export const SCAN_USAGE =
  'usage: trustlens scan PATH|FILE... [--format text|json|sarif|markdown] [--fail-on anyone|organization|repository] [--at TIME]\n' +
  '  reads AWS account exports (get-account-authorization-details, list-roles), Terraform / OpenTofu and CloudFormation trees,\n' +
  '  gcloud workload identity provider lists, Vault role reads and Azure federated-credential lists; folders are read recursively.\n' +
  '  --fail-on R exits 1 when any configuration can be reached by R or a wider party.';

const FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;
const FAIL_ON: readonly Reach[] = ['anyone', 'organization', 'repository'];

function reason(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/^[A-Z]+: /, '').split('\n')[0];
}

export async function scanCommand(argv: string[], io: CliIO, version = '0.0.0'): Promise<number> {
  if (wantsHelp(argv)) {
    io.stdout(`${SCAN_USAGE}\n`);
    return 0;
  }
  const fail = (message: string): number => {
    io.stderr(`trustlens: ${message}\n`);
    // As for exposure and diff: with --format json, standard output still holds one JSON object.
    if (wantsJson(argv)) io.stdout(`${JSON.stringify({ error: message })}\n`);
    return 2;
  };
  const args = parseArgs(argv, ['format', 'fail-on', 'at']);
  if ('error' in args) return fail(`${args.error}\n${SCAN_USAGE}`);
  const format = args.flags.get('format') ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) return fail(`--format must be text, json, sarif or markdown, not ${format}`);
  const failOn = args.flags.get('fail-on');
  if (failOn !== undefined && !FAIL_ON.includes(failOn as Reach)) return fail(`--fail-on must be anyone, organization or repository, not ${failOn}`);
  let at = Math.floor(io.now() / 1000);
  const atFlag = args.flags.get('at');
  if (atFlag !== undefined) {
    const parsed = parseInstant(atFlag);
    if (parsed === null) return fail(`--at ${atFlag} is neither ISO 8601 nor Unix seconds`);
    at = parsed;
  }
  if (args.positional.length === 0) return fail(`no PATH or FILE given\n${SCAN_USAGE}`);

  const started = io.now();
  const files = await scanFiles(args.positional, io);
  const inputs: ScanInput[] = [];
  const unreadable: Array<{ source: { file: string }; message: string }> = [];
  const explicit = new Set<string>();
  const folders = new Map<string, string>();
  for (const file of files) {
    if (file.explicit) explicit.add(file.name);
    if (file.folder !== undefined) folders.set(file.name, file.folder);
    try {
      const text = await io.readFile(file.path);
      await prepareReaders(file.name, text);
      inputs.push({ file: file.name, text });
    } catch (error) {
      unreadable.push({ source: { file: file.name }, message: `cannot read: ${reason(error)}` });
    }
  }
  const read = readInputs(inputs);
  for (const file of read.unrecognised) {
    if (explicit.has(file)) read.errors.push({ source: { file }, message: 'not a trust configuration or an export trustlens reads' });
  }
  read.errors.push(...unreadable);
  if (files.length === 0) return fail(`no files to scan in ${args.positional.join(', ')}`);
  // Nothing could be read at all: the report (with its errors) and status 2.
  const nothingRead = read.usable === 0 && read.errors.length > 0;
  const analysed = await analyseAll(read.configurations, at, (done, total) => {
    if (io.now() - started > 1000) io.stderr(`trustlens: analysed ${done} of ${total} configurations\n`);
  });
  const report = assembleReport(read, analysed);
  io.stdout(format === 'json' ? scanJson(report) : format === 'sarif' ? scanSarif(report, version, folders) : format === 'markdown' ? scanMarkdown(report) : scanText(report));
  if (nothingRead) {
    io.stderr('trustlens: no input could be read\n');
    return 2;
  }
  if (failOn && report.configurations.some((c) => reaches(c.reach, failOn as Reach))) return 1;
  return 0;
}
