/**
 * Detection from the providers' faces alone, for the page: apart from the registry so that what
 * only needs the registry (the worker's provider loader) does not carry the Terraform and
 * CloudFormation readers detection uses.
 */
import { detectWith, type Detection } from '../detect';
import { PROVIDER_FACES } from './faces';

/**
 * The same answer as `detectProvider` in `evaluate.ts`, without loading any provider's evaluation
 * code, except that Terraform text is placed by the trust resources it declares (no HCL library).
 */
export function detectProvider(policyText: string): Detection {
  return detectWith(PROVIDER_FACES, policyText, 'by-shape');
}
