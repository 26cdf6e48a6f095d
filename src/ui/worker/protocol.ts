/** Messages between the page and the evaluation worker, in the workers' one envelope (`envelope.ts`). */
import type { EvaluationInput } from '../../engine/evaluate-with';
import type { EvaluationResult, ProviderId } from '../../engine/result';
import type { Call, Notice, Reply } from './envelope';

/** Evaluate; the worker answers `started` once the provider's code is loaded, then the verdict. */
export type EvaluationCall = { kind: 'evaluate'; input: EvaluationInput };
/**
 * Start downloading a provider's code before the first evaluation needs it, or HashiCorp's HCL
 * library as soon as the configuration reads as Terraform.
 */
export type EvaluationHint = { kind: 'preload'; provider: ProviderId } | { kind: 'preload-hcl' };

/** HashiCorp's HCL library has loaded: a verdict read without it (`details.iac.unchecked`) can be checked now. */
export const READER_READY = 'reader-ready';

export type WorkerRequest = Call<EvaluationCall> | EvaluationHint;
export type WorkerResponse = Reply<EvaluationResult> | Notice;
