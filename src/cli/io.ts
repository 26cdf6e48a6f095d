import type { Readable } from 'node:stream';

/** What the CLI touches of the outside world, so tests can run it in-process. */
export interface CliIO {
  stdout: (text: string) => void;
  /** Writes and waits until the text has been taken (a pipe's backpressure), for output of any length. */
  stdoutFlowing?: (text: string) => Promise<void>;
  stderr: (text: string) => void;
  readFile: (path: string) => Promise<string>;
  /** The file's text as it is read, for inputs of any length; absent: `readFile` is used. */
  openFile?: (path: string) => AsyncIterable<string>;
  /** A progress line redrawn in place (null clears it); present only where someone watches (a terminal). */
  progress?: (line: string | null) => void;
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
