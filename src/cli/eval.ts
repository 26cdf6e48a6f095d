import { createLocalJWKSet, type JSONWebKeySet } from 'jose';
import { evaluate } from '../engine/evaluate';
import { errorResult, PROVIDER_IDS, type EvaluationResult, type ProviderId } from '../engine/result';
import { parseInstant } from '../engine/time';
import { decodeToken, parseClaims, type TokenOutcome } from '../engine/token';
import { keyMaterialFrom, SIGNATURE_NOT_CHECKED, verifySignature } from '../engine/verify';
import { parseArgs, wantsHelp } from './args';
import { formatJson, formatText } from './format';
import type { CliIO } from './io';
import { addVarFiles, IAC_FLAGS, IAC_REPEATED, IAC_USAGE, iacOptions, preparePolicy, unusedVarWarnings, unusedVars } from './policy-input';

export const EVAL_USAGE =
  'usage: trustlens eval --policy FILE (--token FILE | --claims FILE) [--provider aws|vault|gcp|azure] [--at TIME] [--jwks FILE] [--format text|json] [--option KEY=VALUE] ' + IAC_USAGE;

export { wantsHelp };

/**
 * Why a --jwks file cannot serve as a key set, or null when it can. Checked before evaluating so
 * that an unusable key file is an input error, not a signature that "does not verify".
 */
export function jwksProblem(text: string): string | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'not a JWKS document (expected JSON {"keys": [...]})';
  }
  try {
    createLocalJWKSet(value as JSONWebKeySet);
  } catch {
    return 'not a JWKS document (expected {"keys": [...]} with one JSON Web Key per entry)';
  }
  return null;
}

const COMPACT_JWS = /^(Bearer\s+)?[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** A hint when a claims object was given as a token or a token as claims. */
export function swappedInputHint(text: string, kind: 'token' | 'claims'): string {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  if (kind === 'token' && trimmed.startsWith('{')) return ' (this is a JSON object of claims: pass it with --claims)';
  if (kind === 'claims' && COMPACT_JWS.test(trimmed.replace(/ /g, ''))) return ' (this is a compact JWS token: pass it with --token)';
  return '';
}

export interface EvalRequest {
  policyText: string;
  policyName: string;
  tokenText: string;
  tokenName: string;
  tokenKind: 'token' | 'claims';
  provider: ProviderId | null;
  at: number;
  jwksText?: string;
  jwksName?: string;
  options?: Record<string, string>;
}

/** Evaluate a request whose files are already read; shared by `eval` and `test`. */
export async function runEvaluation(request: EvalRequest): Promise<EvaluationResult> {
  const token: TokenOutcome = request.tokenKind === 'claims' ? parseClaims(request.tokenText) : decodeToken(request.tokenText);
  let signature = SIGNATURE_NOT_CHECKED;
  if (request.jwksText !== undefined && token.ok) {
    signature = await verifySignature(token.token.compact, keyMaterialFrom(request.jwksText, request.jwksName ?? 'the JWKS file'));
  }
  await preparePolicy(request.policyText);
  const result = evaluate({
    policyText: request.policyText,
    provider: request.provider,
    token,
    at: request.at,
    signature,
    options: request.options,
  });
  if (result.decision === 'error') {
    if (result.details.inputError === 'token') result.message += swappedInputHint(request.tokenText, request.tokenKind);
    // Say which input is at fault, with its line and column, as the contract asks.
    const which = result.details.inputError === 'token' ? request.tokenName : request.policyName;
    const source = result.details.errorSource as { line: number; column: number } | undefined;
    const location = source && !/line \d+, column \d+/.test(result.message) ? `:${source.line}:${source.column}` : '';
    result.details.errorLine = `${which}${location}: ${result.message}`;
  }
  return result;
}

export async function evalCommand(argv: string[], io: CliIO): Promise<number> {
  if (wantsHelp(argv)) {
    io.stdout(`${EVAL_USAGE}\n`);
    return 0;
  }
  const args = parseArgs(argv, ['policy', 'token', 'claims', 'provider', 'at', 'jwks', 'format', 'option', ...IAC_FLAGS], ['option', ...IAC_REPEATED]);
  const format = 'error' in args ? 'text' : (args.flags.get('format') ?? 'text');
  const fail = (message: string): number => {
    io.stderr(`trustlens: ${message}\n`);
    if (format === 'json') io.stdout(formatJson(errorResult(null, message)));
    return 2;
  };
  if ('error' in args) return fail(`${args.error}\n${EVAL_USAGE}`);
  if (format !== 'text' && format !== 'json') return fail(`--format must be text or json, not ${format}`);
  if (args.positional.length > 0) return fail(`unexpected argument ${args.positional[0]}\n${EVAL_USAGE}`);
  const policyPath = args.flags.get('policy');
  const tokenPath = args.flags.get('token');
  const claimsPath = args.flags.get('claims');
  if (!policyPath) return fail(`--policy is required\n${EVAL_USAGE}`);
  if (!tokenPath === !claimsPath) return fail(`give exactly one of --token and --claims\n${EVAL_USAGE}`);
  const jwksPath = args.flags.get('jwks');
  const stdinUsers = [policyPath, tokenPath, claimsPath, jwksPath].filter((p) => p === '-');
  if (stdinUsers.length > 1) return fail('at most one FILE may be - (standard input)');

  const providerFlag = args.flags.get('provider')?.toLowerCase();
  if (providerFlag !== undefined && !PROVIDER_IDS.includes(providerFlag as ProviderId)) {
    return fail(`unknown provider ${args.flags.get('provider')}: use aws, vault, gcp or azure`);
  }
  let at = Math.floor(io.now() / 1000);
  const atFlag = args.flags.get('at');
  if (atFlag !== undefined) {
    const parsed = parseInstant(atFlag);
    if (parsed === null) return fail(`--at ${atFlag} is neither ISO 8601 nor Unix seconds`);
    at = parsed;
  }
  const options: Record<string, string> = {};
  for (const option of args.repeated.get('option') ?? []) {
    const eq = option.indexOf('=');
    if (eq <= 0) return fail(`--option takes KEY=VALUE, not ${option}`);
    options[option.slice(0, eq)] = option.slice(eq + 1);
  }
  const iac = iacOptions(args.flags.get('resource'), args.repeated.get('var') ?? []);
  if ('error' in iac) return fail(iac.error);
  Object.assign(options, iac);
  const varFileError = await addVarFiles(options, args.repeated.get('var-file') ?? [], (path) => io.readFile(path));
  if (varFileError) return fail(varFileError);

  const read = async (path: string): Promise<string> => (path === '-' ? io.readStdin() : io.readFile(path));
  const files: Record<string, string> = {};
  for (const path of [policyPath, tokenPath ?? claimsPath!, ...(jwksPath ? [jwksPath] : [])]) {
    try {
      files[path] = await read(path);
    } catch (error) {
      const reason = error instanceof Error ? error.message.replace(/^[A-Z]+: /, '') : String(error);
      return fail(`cannot read ${path === '-' ? 'standard input' : path}: ${reason}`);
    }
  }
  if (jwksPath) {
    const problem = jwksProblem(files[jwksPath]);
    if (problem) return fail(`--jwks ${jwksPath === '-' ? 'standard input' : jwksPath}: ${problem}`);
  }
  const result = await runEvaluation({
    policyText: files[policyPath],
    policyName: policyPath === '-' ? 'standard input' : policyPath,
    tokenText: files[tokenPath ?? claimsPath!],
    tokenName: (tokenPath ?? claimsPath!) === '-' ? 'standard input' : (tokenPath ?? claimsPath!),
    tokenKind: tokenPath ? 'token' : 'claims',
    provider: (providerFlag as ProviderId | undefined) ?? null,
    at,
    jwksText: jwksPath ? files[jwksPath] : undefined,
    jwksName: jwksPath,
    options,
  });
  io.stderr(unusedVarWarnings(await unusedVars(files[policyPath], options, (providerFlag as ProviderId | undefined) ?? null)));
  if (result.decision === 'error') {
    // One error, on standard error; the JSON form still gets its object on standard output.
    if (format === 'json') io.stdout(formatJson(result));
    io.stderr(`trustlens: ${String(result.details.errorLine ?? result.message)}\n`);
    return 2;
  }
  io.stdout(format === 'json' ? formatJson(result) : formatText(result));
  return result.decision === 'allow' ? 0 : 1;
}
