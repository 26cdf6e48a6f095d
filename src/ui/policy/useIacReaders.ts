import { useEffect, useSyncExternalStore } from 'react';
import { evaluationClient } from '../worker/shared';

/**
 * Terraform text needs HashiCorp's HCL library, which only the evaluation worker loads (the page
 * places Terraform text by its resource types alone): the worker is asked to start fetching it as
 * soon as such text appears — on a link, before the page has read the token. Returns whether the
 * worker has it, so that a verdict read without it is asked for again when it arrives.
 */
export function useIacReaders(policyText: string): boolean {
  useEffect(() => evaluationClient.preloadReaderFor(policyText), [policyText]);
  return useSyncExternalStore(evaluationClient.subscribeReader, evaluationClient.hasReader);
}
