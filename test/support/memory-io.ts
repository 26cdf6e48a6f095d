/** Runs the CLI in-process over files held in memory: what the CLI tests use instead of a shell. */
import type { CliIO } from '../../src/cli/io';
import { main } from '../../src/cli/main';

export interface MemoryIOOptions {
  stdin?: string;
  now?: () => number;
  /**
   * How an opened file is handed over: in pieces (by default of 97 characters, so that the
   * streaming reader meets values cut anywhere), or `null` for an IO that cannot open files,
   * whose files are then read whole.
   */
  split?: ((text: string) => AsyncIterable<string>) | null;
}

async function* inPiecesOf97(text: string): AsyncGenerator<string> {
  for (let at = 0; at < text.length; at += 97) yield text.slice(at, at + 97);
}

/** A CLI IO over `files`, and what the command printed. */
export function memoryIO(files: Record<string, string>, options: MemoryIOOptions = {}): { io: CliIO; printed(): { stdout: string; stderr: string } } {
  let stdout = '';
  let stderr = '';
  const missing = (path: string) => new Error(`ENOENT: no such file or directory, open '${path}'`);
  const split = options.split === undefined ? inPiecesOf97 : options.split;
  const io: CliIO = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    readFile: async (path) => {
      if (!(path in files)) throw missing(path);
      return files[path];
    },
    readStdin: async () => options.stdin ?? '',
    now: options.now ?? (() => Date.now()),
    // A folder is every held file whose path starts with it.
    listFiles: async (path) => {
      const prefix = `${path.replace(/\/+$/, '')}/`;
      const under = Object.keys(files).filter((file) => file.startsWith(prefix)).sort();
      return under.length > 0 ? under : null;
    },
  };
  if (split) {
    // As a file stream does, a missing file fails on the first read, not when it is opened.
    io.openFile = async function* (path) {
      if (!(path in files)) throw missing(path);
      yield* split(files[path]);
    };
  }
  return { io, printed: () => ({ stdout, stderr }) };
}

export async function runCli(
  argv: string[],
  files: Record<string, string>,
  stdin = '',
  now: () => number = () => Date.now(),
): Promise<{ code: number; stdout: string; stderr: string }> {
  const memory = memoryIO(files, { stdin, now });
  const code = await main(argv, memory.io);
  return { code, ...memory.printed() };
}
