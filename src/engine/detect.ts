/**
 * Which provider a configuration belongs to, from its shape: Terraform and CloudFormation by the
 * resource they hold, JSON (or a `vault write` line) by each provider's own `detect`. Detection
 * needs only the providers' faces, so the page can detect before any evaluation code arrives.
 */
import { convertIac, detectIacFormat, withoutBom } from './inputs/index';
import { terraformProvidersByShape } from './inputs/terraform-shape';
import { looksLikeTerraform } from './inputs/terraform-sniff';
import { parseJsonDocument, type LocatedError } from './json';
import type { ProviderModule } from './provider';
import { PROVIDER_IDS, type ProviderId } from './result';

/** Providers by id; detection needs only `detect`, evaluation the whole module. */
export type ProviderRegistry<P = ProviderModule<any>> = Partial<Record<ProviderId, P>>;

export type Detection = { ok: true; provider: ProviderId } | { ok: false; message: string; source?: LocatedError['source'] };

/**
 * `terraform: 'by-shape'` places Terraform (HCL) text by the trust resources it declares, without
 * reading their values: no HCL library is needed (the page never loads it), and text that declares
 * several resources of one provider still belongs to that provider.
 */
export function detectWith(providers: ProviderRegistry<Pick<ProviderModule, 'detect'>>, policyText: string, terraform: 'converted' | 'by-shape' = 'converted'): Detection {
  const iacFormat = detectIacFormat(policyText);
  if (iacFormat === 'terraform' && terraform === 'by-shape' && looksLikeTerraform(withoutBom(policyText))) return detectTerraformByShape(policyText);
  if (iacFormat) {
    // Terraform / CloudFormation: the provider of the resource it holds.
    const outcome = convertIac(policyText, iacFormat, {});
    return outcome.ok ? { ok: true, provider: outcome.conversion.provider } : { ok: false, message: outcome.message, source: outcome.source };
  }
  const parsed = parseJsonDocument(policyText, 'The trust configuration');
  const value = parsed.ok ? parsed.doc.value : undefined;
  const matches = PROVIDER_IDS.filter((id) => {
    try {
      return providers[id]?.detect(policyText, value) ?? false;
    } catch {
      return false;
    }
  });
  if (matches.length === 1) return { ok: true, provider: matches[0] };
  if (matches.length > 1) {
    return { ok: false, message: `ambiguous provider: the configuration could be ${matches.join(' or ')}; pass --provider` };
  }
  if (!parsed.ok) return { ok: false, message: parsed.error.message, source: parsed.error.source };
  return { ok: false, message: 'unknown provider: the configuration is not recognisable as aws, vault, gcp or azure; pass --provider' };
}


function detectTerraformByShape(policyText: string): Detection {
  let found: ProviderId[];
  try {
    found = terraformProvidersByShape(withoutBom(policyText));
  } catch {
    return { ok: false, message: 'The Terraform text could not be read (line 1:1)', source: { line: 1, column: 1, endLine: 1, endColumn: 2 } };
  }
  if (found.length === 1) return { ok: true, provider: found[0] };
  if (found.length > 1) return { ok: false, message: `ambiguous provider: the configuration could be ${found.join(' or ')}; pass --provider` };
  return { ok: false, message: 'the Terraform text declares no resource that holds a trust configuration' };
}
