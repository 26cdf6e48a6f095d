/**
 * The public acceptance cases, run through the CLI contract exactly as outside tests run them:
 * `trustlens eval --policy <policy> --claims <claims> --at <at> --format json`.
 * Cases come from the project's own copy (fixtures/cases) and, when present, from ../shared/cases;
 * each case names its source in its `source` field.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepare } from '../engine/evaluate';
import { loadIacReaders } from '../engine/inputs/index';
import { nodeAt, parseJsonDocument } from '../engine/json';
import type { ProviderId } from '../engine/result';
import { parseInstant } from '../engine/time';
import { parseClaims } from '../engine/token';
import { main } from './main';
import type { CliIO } from './io';

const ROOT = resolve(import.meta.dirname, '../..');
// fixtures/cases: copies of the shared public cases; fixtures/own: the project's own cases.
const FOLDERS = [join(ROOT, 'fixtures/cases'), join(ROOT, 'fixtures/own'), join(ROOT, '../shared/cases')].filter((dir) => existsSync(dir));

interface CaseFile {
  file: string;
  provider: string;
  name: string;
  source: string;
  policyText: string;
  claimsText: string;
  at: string;
  /** Provider switches and Terraform / CloudFormation choices, as `trustlens test` reads them. */
  options: Record<string, string>;
  expect: { decision: string; message?: string | string[] };
}

/** A case's options as the eval flags that carry them: --var, --resource, --option. */
function optionFlags(options: Record<string, string>): string[] {
  return Object.entries(options).flatMap(([key, value]) =>
    key.startsWith('iac.var.') ? ['--var', `${key.slice('iac.var.'.length)}=${value}`] : key === 'iac.resource' ? ['--resource', value] : ['--option', `${key}=${value}`],
  );
}

function loadCase(file: string): CaseFile {
  const text = readFileSync(file, 'utf8');
  const parsed = parseJsonDocument(text, file);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const doc = parsed.doc;
  const value = doc.value as Record<string, unknown>;
  // The raw text of each member, so lexemes such as `22.0` reach the CLI as written.
  const raw = (key: string) => {
    const node = nodeAt(doc, [key])!;
    return text.slice(node.offset, node.offset + node.length);
  };
  return {
    file,
    provider: String(value.provider),
    name: String(value.name),
    source: String(value.source),
    // A case may give the configuration as text: to keep a lexeme such as `7.0`, or Terraform / CloudFormation as written.
    policyText: typeof value.policy === 'string' ? value.policy : raw('policy'),
    claimsText: raw('claims'),
    at: typeof value.at === 'number' ? String(value.at) : String(value.at),
    options: (value.options as Record<string, string> | undefined) ?? {},
    expect: value.expect as CaseFile['expect'],
  };
}

export async function runCase(c: CaseFile) {
  const files: Record<string, string> = { 'policy.json': c.policyText, 'claims.json': c.claimsText };
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readFile: async (p) => {
      if (!(p in files)) throw new Error(`no such file ${p}`);
      return files[p];
    },
    readStdin: async () => '',
    now: () => Date.now(),
  };
  const code = await main(['eval', '--policy', 'policy.json', '--claims', 'claims.json', '--at', c.at, ...optionFlags(c.options), '--format', 'json'], io);
  return { code, output: JSON.parse(stdout) as { decision: string; message: string; checks: Array<{ id: string; result: string }> }, stderr };
}

/**
 * Cases whose expectation we can show is wrong (status `inferred`), with the evidence, in
 * fixtures/disputed.json. We do not bend the engine to them; the test pins what the engine does
 * instead, so a corrected case or a changed engine is noticed.
 */
const DISPUTED = JSON.parse(readFileSync(join(ROOT, 'fixtures/disputed.json'), 'utf8')) as Record<string, { decision: string; evidence: string }>;

const EXIT_FOR: Record<string, number> = { allow: 0, deny: 1, error: 2 };

for (const folder of FOLDERS) {
  describe(`acceptance cases in ${folder.includes('shared') ? '../shared/cases' : folder.slice(ROOT.length + 1)}`, () => {
    for (const provider of readdirSync(folder).sort()) {
      const dir = join(folder, provider);
      for (const name of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
        const c = loadCase(join(dir, name));
        const key = `${provider}/${name.replace(/\.json$/, '')}`;
        const disputed = DISPUTED[key];
        it(`${key}: ${c.name}${disputed ? ' (disputed: see DISPUTED)' : ''}`, async () => {
          expect(c.source.length).toBeGreaterThan(0);
          const { code, output } = await runCase(c);
          if (disputed) {
            expect(c.expect.decision, 'the case changed: re-examine the dispute').not.toBe(disputed.decision);
            expect(output.decision, disputed.evidence).toBe(disputed.decision);
            return;
          }
          const context = `${c.file}\nsource: ${c.source}\ngot: ${output.decision}: ${output.message}`;
          expect(output.decision, context).toBe(c.expect.decision);
          expect(code, context).toBe(EXIT_FOR[c.expect.decision]);
          if (c.expect.message !== undefined) {
            const wanted = Array.isArray(c.expect.message) ? c.expect.message : [c.expect.message];
            expect(wanted.some((part) => output.message.includes(part)), `${context}\nwanted one of ${JSON.stringify(wanted)}`).toBe(true);
          }
          // Signatures are out of scope for the cases: the check is reported, as skipped, and never decides.
          const signature = output.checks.find((check) => check.id === 'token.signature');
          expect(signature?.result).toBe('skip');
          // The fast path that exposure, diff, the matrix and `trustlens test` decide through gives
          // the same decision and message on these real configurations.
          const token = parseClaims(c.claimsText);
          const at = parseInstant(c.at);
          if (token.ok && at !== null) {
            await loadIacReaders(c.policyText);
            const prepared = prepare({ policyText: c.policyText, provider: c.provider as ProviderId, options: c.options });
            const explained = prepared.explain(token.token, { at });
            expect(prepared.decide(token.token, { at }), context).toEqual({ decision: explained.decision, message: explained.message });
            expect(explained.decision, context).toBe(output.decision);
          }
        });
      }
    }
  });
}
