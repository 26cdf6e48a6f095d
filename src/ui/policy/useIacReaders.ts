import { useEffect } from 'react';
import { evaluationClient } from '../worker/shared';

/**
 * Terraform text needs HashiCorp's HCL library, which only the evaluation worker loads (the page
 * places Terraform text by its resource types alone): the worker is asked to start fetching it as
 * soon as such text appears — on a link, before the page has read the token.
 */
export function useIacReaders(policyText: string): void {
  useEffect(() => evaluationClient.preloadReaderFor(policyText), [policyText]);
}
