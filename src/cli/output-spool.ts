/**
 * Output held back until a run completes: `trustlens test` prints nothing on standard output when
 * it ends with an input error, and its JSON form opens with the counts. Past a few megabytes the
 * text goes to a temporary file, so a run of any length holds a bounded amount in memory.
 */
import { closeSync, ftruncateSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const IN_MEMORY = 4 * 1024 * 1024;

export interface SpoolMark {
  parts: number;
  memory: number;
  /** Bytes pushed before the mark, wherever they are now. */
  bytes: number;
}

export class OutputSpool {
  private parts: string[] = [];
  private memory = 0;
  private memoryBytes = 0;
  private written = 0;
  private file: { dir: string; fd: number } | null = null;

  constructor(private readonly limit = IN_MEMORY) {}

  push(text: string): void {
    this.parts.push(text);
    this.memory += text.length;
    this.memoryBytes += Buffer.byteLength(text, 'utf8');
    if (this.memory > this.limit) this.flushToFile();
  }

  /** Where the output stands, to go back to when what follows is discarded. */
  mark(): SpoolMark {
    return { parts: this.parts.length, memory: this.memory, bytes: this.written + this.memoryBytes };
  }

  reset(mark: SpoolMark): void {
    if (this.file) {
      this.flushToFile();
      ftruncateSync(this.file.fd, mark.bytes);
      this.written = mark.bytes;
    } else {
      this.parts.length = mark.parts;
      this.memory = mark.memory;
      this.memoryBytes = mark.bytes;
    }
  }

  /** Everything pushed, in order, in pieces of bounded size; then the spool is emptied. */
  async drain(write: (text: string) => void | Promise<void>): Promise<void> {
    if (this.file) {
      this.flushToFile();
      const buffer = Buffer.alloc(1024 * 1024);
      let position = 0;
      let carry = Buffer.alloc(0);
      while (position < this.written) {
        const read = readSync(this.file.fd, buffer, 0, buffer.length, position);
        if (read <= 0) break;
        position += read;
        // Cut at a line end so that no character is split between two writes.
        const chunk = Buffer.concat([carry, buffer.subarray(0, read)]);
        const cut = position < this.written ? chunk.lastIndexOf(0x0a) + 1 : chunk.length;
        await write(chunk.subarray(0, cut).toString('utf8'));
        carry = Buffer.from(chunk.subarray(cut));
      }
      if (carry.length > 0) await write(carry.toString('utf8'));
      this.dispose();
    } else {
      await write(this.parts.join(''));
      this.parts = [];
      this.memory = 0;
      this.memoryBytes = 0;
    }
  }

  dispose(): void {
    if (!this.file) return;
    closeSync(this.file.fd);
    rmSync(this.file.dir, { recursive: true, force: true });
    this.file = null;
    this.written = 0;
  }

  private flushToFile(): void {
    if (!this.file) {
      const dir = mkdtempSync(join(tmpdir(), 'trustlens-test-'));
      this.file = { dir, fd: openSync(join(dir, 'output'), 'w+') };
    }
    const bytes = Buffer.from(this.parts.join(''), 'utf8');
    writeSync(this.file.fd, bytes, 0, bytes.length, this.written);
    this.written += bytes.length;
    this.parts = [];
    this.memory = 0;
    this.memoryBytes = 0;
  }
}
