/** `trustlens`: the command-line face of the engine (contract: docs/contracts/CLI.md). */
import { createReadStream, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { diffCommand, DIFF_USAGE } from './diff';
import { evalCommand, EVAL_USAGE } from './eval';
import { exposureCommand, EXPOSURE_USAGE } from './exposure';
import { IAC_HELP } from './policy-input';
import { readAll, type CliIO } from './io';
import { nodeListFiles } from './scan-files';
import { scanCommand, SCAN_USAGE } from './scan';
import { testCommand, TEST_USAGE } from './test-command';

const USAGE = `trustlens — will this CI job token be let into this cloud role, and if not, why not?\n\n${EVAL_USAGE}\n${IAC_HELP}\n${TEST_USAGE}\n${EXPOSURE_USAGE}\n${DIFF_USAGE}\n${SCAN_USAGE}\n`;

export const nodeIO: CliIO = {
  stdout: (text) => process.stdout.write(text),
  stdoutFlowing: (text) => new Promise((resolve) => (process.stdout.write(text) ? resolve() : process.stdout.once('drain', resolve))),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => readFile(path, 'utf8'),
  openFile: (path) => createReadStream(path, { encoding: 'utf8', highWaterMark: 1024 * 1024 }),
  // CI logs keep every byte written to them: redrawn progress is for a terminal only.
  progress: process.stderr.isTTY ? (line) => void process.stderr.write(line === null ? '\r\x1b[K' : `\r${line}\x1b[K`) : undefined,
  readStdin: () => readAll(process.stdin),
  now: () => Date.now(),
  listFiles: nodeListFiles,
};

export async function main(argv: string[], io: CliIO = nodeIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'eval':
        return await evalCommand(rest, io);
      case 'test':
        return await testCommand(rest, io);
      case '--version':
      case '-V':
        io.stdout(`trustlens ${packageVersion()}\n`);
        return 0;
      case 'exposure':
        return await exposureCommand(rest, io);
      case 'diff':
        return await diffCommand(rest, io);
      case 'scan':
        return await scanCommand(rest, io, packageVersion());
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        io.stdout(USAGE);
        return command === undefined ? 2 : 0;
      default:
        io.stderr(`trustlens: unknown command ${command}\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    io.stderr(`trustlens: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}
