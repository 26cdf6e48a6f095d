/**
 * Every result the page waits for, as a TanStack Query options factory: the verdict, the
 * signature check, the analyses in the analysis worker (who else gets in, compare mode, the
 * scenario matrix, the scan), the issuer's keys and the parts of the engine that load late.
 * Components call `useQuery(xxxQuery(...))`, so a result is keyed, cached and cancelled the same
 * way wherever it is shown. Keys name texts and objects by `textId`/`objectId`: React Query
 * hashes every key on every render, and a large configuration must not be serialised per keystroke.
 */
import { queryOptions } from '@tanstack/react-query';
import type { EvaluationInput } from '../../engine/evaluate-with';
import type { DiffInput } from '../../engine/exposure/diff';
import type { ExposureInput } from '../../engine/exposure/types';
import type { EvaluationResult } from '../../engine/result';
import type { MatrixConfiguration, MatrixEntry } from '../../engine/share/matrix';
import type { ScanInput } from '../../engine/scan/index';
import { discoverIssuerKeys } from '../discovery';
import { analysisClient, evaluationClient } from '../worker/shared';
import { afterFirstVerdict } from './firstVerdict';
import { objectId, textId } from './textId';
import type { Engine } from './useEngine';

/** For what is loaded once and kept: the engine and its parts. */
const FOREVER = { staleTime: Infinity, gcTime: Infinity, retry: false } as const;

/** The engine chunk the page reads (`src/ui/engine.ts`); it is needed for the first verdict. */
export function engineQuery() {
  return queryOptions({
    queryKey: ['engine'],
    queryFn: (): Promise<Engine> => import('../engine'),
    ...FOREVER,
  });
}

/**
 * The CEL editor support (tokens and syntax markers for Google Cloud's expressions) brings the CEL
 * parser: it is fetched for a Google Cloud configuration, and only once the first verdict is on
 * screen, so it never competes with it. A failure is retried the next time it is asked for.
 */
export function celEditorQuery() {
  return queryOptions({
    queryKey: ['engine', 'cel-editor'],
    queryFn: async (): Promise<Engine['celEditorRegions']> => {
      await afterFirstVerdict();
      return (await import('../../engine/providers/gcp/editor')).celEditorRegions;
    },
    ...FOREVER,
  });
}

/** An analysis is a pure function of its key: computed once, kept a minute after it leaves the screen. */
const ONCE = { staleTime: Infinity, gcTime: 60_000, retry: false } as const;

/** A verdict and the input it answers (the token it quotes may already have been replaced on screen). */
export interface Answer {
  input: EvaluationInput;
  result: EvaluationResult;
}

/** The verdict, from the evaluation worker (newest input first, stopped after its deadline). */
/**
 * The verdict on `input`. `workerHasReader` is part of the key: a Terraform verdict given before
 * HashiCorp's parser reached the worker (`details.iac.unchecked`) is asked for again once it has.
 */
export function evaluationQuery(input: EvaluationInput | null, workerHasReader = false) {
  return queryOptions({
    queryKey: ['evaluation', input && [input.provider ?? null, textId(input.policyText), objectId(input.token), input.at, input.signature ?? null, input.options ?? null], workerHasReader],
    queryFn: async ({ signal }): Promise<Answer> => ({ input: input!, result: await evaluationClient.evaluate(input!, signal) }),
    enabled: input !== null,
    // Every keystroke is a new key: only the verdicts near the one on screen are worth keeping.
    ...ONCE,
    gcTime: 10_000,
  });
}

/** The token's signature checked against the key material (pasted or fetched). */
export function signatureQuery(engine: Engine | null, compact: string | null, keyText: string, keySource: string) {
  return queryOptions({
    queryKey: ['verify', compact, keyText, keySource],
    queryFn: () => engine!.verifySignature(compact, engine!.keyMaterialFrom(keyText, keySource)),
    ...ONCE,
  });
}

/** The keys of a token's issuer, by OIDC discovery; fetched only on an explicit click. */
export function discoveryQuery(issuer: string | null) {
  return queryOptions({
    queryKey: ['discovery', issuer],
    queryFn: () => discoverIssuerKeys(issuer, (url, init) => fetch(url, init)),
    staleTime: 10 * 60_000,
    retry: false,
  });
}

/** Who else gets in. */
export function exposureQuery(input: ExposureInput) {
  return queryOptions({
    queryKey: ['exposure', input.provider ?? null, textId(input.policyText), input.claims ?? null, input.at ?? null, input.options ?? null],
    queryFn: () => analysisClient.run({ kind: 'exposure', input }),
    ...ONCE,
  });
}

/** Compare mode: the current token under the earlier configuration. */
export function earlierVerdictQuery(input: EvaluationInput) {
  return queryOptions({
    queryKey: ['before-verdict', textId(input.policyText), input.provider ?? null, objectId(input.token), input.at, input.options ?? null],
    queryFn: () => analysisClient.run({ kind: 'evaluate', input }),
    ...ONCE,
  });
}

/** Compare mode: what the change lets in or shuts out. */
export function policyDiffQuery(input: DiffInput) {
  return queryOptions({
    queryKey: ['policy-diff', input.provider ?? null, textId(input.before), textId(input.after), input.claims ?? null, input.at ?? null, input.options ?? null],
    queryFn: () => analysisClient.run({ kind: 'diff', input }),
    ...ONCE,
  });
}

/** One configuration against many claim sets. */
export function matrixQuery(configuration: MatrixConfiguration, entries: MatrixEntry[]) {
  return queryOptions({
    queryKey: ['matrix', configuration.provider, textId(configuration.policy), configuration.options ?? null, objectId(entries)],
    queryFn: () => analysisClient.run({ kind: 'matrix', configuration, entries }),
    ...ONCE,
  });
}

/** Many configurations at once, as asked by one click. */
export function scanQuery(request: { inputs: ScanInput[]; at: number } | null) {
  return queryOptions({
    queryKey: ['scan', request?.at ?? null, request?.inputs.map((input) => [input.file, textId(input.text)]) ?? null],
    queryFn: () => analysisClient.run({ kind: 'scan', inputs: request!.inputs, at: request!.at }),
    enabled: request !== null && request.inputs.length > 0,
    ...ONCE,
  });
}
