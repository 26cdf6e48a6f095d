import { describe, expect, it } from 'vitest';
import { PROVIDER_IDS } from '../../engine/result';
import { evaluationWorkerName, providersInWorkerName } from './protocol';

describe("the evaluation worker's name", () => {
  it('carries the providers to fetch at once, and only those', () => {
    expect(evaluationWorkerName([])).toBe('trustlens evaluation');
    expect(providersInWorkerName(evaluationWorkerName([]))).toEqual([]);
    expect(evaluationWorkerName(['aws'])).toBe('trustlens evaluation (aws)');
    for (const id of PROVIDER_IDS) expect(providersInWorkerName(evaluationWorkerName([id]))).toEqual([id]);
    expect(providersInWorkerName(evaluationWorkerName(['gcp', 'vault']))).toEqual(['vault', 'gcp']);
  });

  it('names no provider it does not know', () => {
    expect(providersInWorkerName('trustlens evaluation (awsx, cel)')).toEqual([]);
    expect(providersInWorkerName('')).toEqual([]);
  });
});
