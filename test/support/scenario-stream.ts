/**
 * Shared by the streamed scenario file tests (JSON and YAML): a file handed over in pieces of
 * chosen sizes, the streamed reader's scenarios, and `trustlens test` run over files in memory,
 * streamed or read whole, so each test can hold one to the other.
 */
import { streamScenarios } from '../../src/cli/scenario-stream';
import type { Scenario } from '../../src/cli/scenarios';
import { testCommand } from '../../src/cli/test-command';
import { memoryIO } from './memory-io';

/** A GitLab branch policy the random scenarios are judged under. */
export const POLICY = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/gitlab.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'gitlab.com:aud': 'https://gitlab.com' }, StringLike: { 'gitlab.com:sub': 'project_path:g/*:ref_type:branch:ref:main' } },
    },
  ],
};

export async function* pieces(text: string, sizes: number[]): AsyncGenerator<string> {
  let at = 0;
  for (let i = 0; at < text.length; i++) {
    const size = Math.max(1, sizes.length > 0 ? sizes[i % sizes.length] : text.length);
    yield text.slice(at, at + size);
    at += size;
  }
}

/** A valid file changed at `where`: kept, cut there, a character dropped there, or `char` inserted there. */
export function changed(valid: string, where: number, how: 'keep' | 'cut' | 'drop' | 'insert', char: string): string {
  const at = where % (valid.length + 1);
  if (how === 'keep') return valid;
  if (how === 'cut') return valid.slice(0, at);
  return how === 'drop' ? valid.slice(0, at) + valid.slice(at + 1) : valid.slice(0, at) + char + valid.slice(at);
}

/** A file whose second piece arrives only once `release` is called; `ended()` says whether it was read to its end. */
export function gatedFile(first: string, second: string): { file: AsyncGenerator<string>; release: () => void; ended: () => boolean } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let ended = false;
  async function* file(): AsyncGenerator<string> {
    yield first;
    await gate;
    yield second;
    ended = true;
  }
  return { file: file(), release, ended: () => ended };
}

/** What the streamed reader yields for `text` cut in pieces of `sizes`, without the claims it parsed ahead. */
export async function collect(text: string, sizes: number[], name = 'f.json'): Promise<{ scenarios: Scenario[]; end: string }> {
  const stream = streamScenarios(pieces(text, sizes), name);
  const scenarios: Scenario[] = [];
  for (;;) {
    const next = await stream.next();
    if (next.done) return { scenarios, end: next.value };
    const { claimsValue: _parsed, ...scenario } = next.value;
    scenarios.push(scenario);
  }
}

/** `trustlens test` over files in memory, streamed (in pieces of `sizes`) or read whole. */
export async function run(argv: string[], files: Record<string, string>, streamed: boolean, sizes: number[] = [61]) {
  const memory = memoryIO(files, { now: () => 1_700_000_100_000, split: streamed ? (text) => pieces(text, sizes) : null });
  const code = await testCommand(argv.slice(1), memory.io);
  return { code, ...memory.printed() };
}
