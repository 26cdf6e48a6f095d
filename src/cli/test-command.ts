import { parseArgs } from './args';
import { dirname, resolve } from 'node:path';
import { runEvaluation, wantsHelp } from './eval';
import { runExposureScenario } from './exposure-scenario';
import type { CliIO } from './io';
import { loadScenarioFile, messageMatches } from './scenarios';

export const TEST_USAGE = 'usage: trustlens test FILE... [--format text|json]';

interface Outcome {
  file: string;
  name: string;
  passed: boolean;
  expected: { decision?: string; message?: string | string[] };
  actual: { decision: string; message: string } | null;
  error?: string;
}

export async function testCommand(argv: string[], io: CliIO): Promise<number> {
  if (wantsHelp(argv)) {
    io.stdout(`${TEST_USAGE}\n`);
    return 0;
  }
  const args = parseArgs(argv, ['format']);
  if ('error' in args) {
    io.stderr(`trustlens: ${args.error}\n${TEST_USAGE}\n`);
    return 2;
  }
  const format = args.flags.get('format') ?? 'text';
  if (format !== 'text' && format !== 'json') {
    io.stderr(`trustlens: --format must be text or json, not ${format}\n`);
    return 2;
  }
  if (args.positional.length === 0) {
    io.stderr(`trustlens: no scenario files given\n${TEST_USAGE}\n`);
    return 2;
  }
  const outcomes: Outcome[] = [];
  const now = Math.floor(io.now() / 1000);
  for (const file of args.positional) {
    let text: string;
    try {
      text = await io.readFile(file);
    } catch (error) {
      io.stderr(`trustlens: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
      return 2;
    }
    const loaded = loadScenarioFile(text, file);
    if (!loaded.ok) {
      io.stderr(`trustlens: ${loaded.error}\n`);
      return 2;
    }
    const policyFiles = new Map<string, string>();
    for (const scenario of loaded.scenarios) {
      let policyText = scenario.policyText;
      let policyName = `${file} (policy)`;
      if (scenario.policyFile !== undefined) {
        // Named by path so that the scenarios test the real file, resolved beside the scenario file.
        const path = resolve(dirname(file), scenario.policyFile);
        if (!policyFiles.has(path)) {
          try {
            policyFiles.set(path, await io.readFile(path));
          } catch (error) {
            io.stderr(`trustlens: ${file}: cannot read policyFile ${scenario.policyFile}: ${error instanceof Error ? error.message.replace(/^[A-Z]+: /, '') : String(error)}\n`);
            return 2;
          }
        }
        policyText = policyFiles.get(path)!;
        policyName = scenario.policyFile;
      }
      if (scenario.exposure) {
        outcomes.push({ file, name: `${scenario.name} (exposure)`, ...runExposureScenario({ ...scenario, policyText }, file, now) });
        if (scenario.expect.decision === undefined) continue;
      }
      const result = await runEvaluation({
        policyText,
        policyName,
        tokenText: scenario.tokenText,
        tokenName: `${file} (${scenario.tokenKind})`,
        tokenKind: scenario.tokenKind,
        provider: scenario.provider,
        at: scenario.at ?? now,
        options: scenario.options,
      });
      const passed = result.decision === scenario.expect.decision && messageMatches(result.message, scenario.expect.message);
      outcomes.push({
        file,
        name: scenario.name,
        passed,
        expected: scenario.expect,
        actual: { decision: result.decision, message: result.message },
      });
    }
  }
  const passed = outcomes.filter((o) => o.passed).length;
  const failed = outcomes.length - passed;
  if (format === 'json') {
    io.stdout(JSON.stringify({ passed, failed, scenarios: outcomes }, null, 2) + '\n');
  } else {
    for (const o of outcomes) {
      const got = o.actual ? `${o.actual.decision}: ${o.actual.message}` : String(o.error);
      if (o.passed) io.stdout(`PASS ${o.file} › ${o.name} (${got})\n`);
      else {
        const wanted = `${o.expected.decision}${o.expected.message ? ` with ${JSON.stringify(o.expected.message)}` : ''}`;
        io.stdout(`FAIL ${o.file} › ${o.name}: expected ${wanted}, got ${got}\n`);
      }
    }
    io.stdout(`${passed} passed, ${failed} failed\n`);
  }
  return failed > 0 ? 1 : 0;
}
