import type { Readable } from 'node:stream';

/** What the CLI touches of the outside world, so tests can run it in-process. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readFile: (path: string) => Promise<string>;
  readStdin: () => Promise<string>;
  now: () => number;
  /**
   * The files under a directory, recursively (paths that start with it), or null when the path is
   * not a directory. Absent: every path is a file.
   */
  listFiles?: (path: string) => Promise<string[] | null>;
}

export async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}
