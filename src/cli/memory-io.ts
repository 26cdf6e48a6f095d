/** Runs the CLI in-process over files held in memory: what the CLI tests use instead of a shell. */
import type { CliIO } from './io';
import { main } from './main';

export async function runCli(
  argv: string[],
  files: Record<string, string>,
  stdin = '',
  now: () => number = () => Date.now(),
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    readFile: async (path) => {
      if (!(path in files)) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
      return files[path];
    },
    // In small pieces, so that the streaming reader meets values cut anywhere.
    openFile: (path) => chunked(path),
    readStdin: async () => stdin,
    now,
    // A folder is every held file whose path starts with it.
    listFiles: async (path) => {
      const prefix = `${path.replace(/\/+$/, '')}/`;
      const under = Object.keys(files).filter((file) => file.startsWith(prefix)).sort();
      return under.length > 0 ? under : null;
    },
  };
  async function* chunked(path: string): AsyncGenerator<string> {
    if (!(path in files)) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
    const text = files[path];
    for (let at = 0; at < text.length; at += 97) yield text.slice(at, at + 97);
  }
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
