// A large scan spreads its distinct configurations over worker threads; the inventory must be the
// same as in one thread, configuration for configuration.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readInputs } from '../engine/scan/index';
import { analyseAll } from './scan-analyse';

const AT = Date.parse('2026-05-28T20:26:50Z') / 1000;

describe('analyseAll', () => {
  it('gives the same outcomes in worker threads as in this thread, and analyses identical configurations once', async () => {
    const text = readFileSync('fixtures/scan/account/authorization-details.json', 'utf8');
    const read = readInputs([{ file: 'a.json', text }, { file: 'b.json', text }]);
    expect(read.configurations).toHaveLength(8);
    const inThread = await analyseAll(read.configurations, AT, () => undefined, { workers: 1 });
    let threads = 0;
    const inWorkers = await analyseAll(read.configurations, AT, () => undefined, { workers: 2, threshold: 1, onWorkers: (count) => (threads = count) });
    expect(threads).toBe(2);
    expect(inWorkers).toEqual(inThread);
    expect(inThread.every((outcome) => 'configuration' in outcome)).toBe(true);
  });
});
