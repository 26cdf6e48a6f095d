/**
 * Terraform and CloudFormation answered through the configuration they convert to: the input
 * stage (`inputs/`) converts, the front door prepares the converted configuration, and this stage
 * carries each result's ranges back into the pasted text and answers for values the text does not give.
 */
import { convertIac, deploymentValues, iacRequestFromOptions, type Conversion, type IacFormat } from './inputs/index';
import { mapRange } from './inputs/located';
import { signatureCheck, type DecideContext, type Stage } from './stage';
import { errorResult, type EvaluationResult, type ProviderId, type SourceRange } from './result';
import type { TokenOutcome } from './token';
import { SIGNATURE_NOT_CHECKED } from './verify';

function placeholderMessage(conversion: Conversion): string {
  const all = conversion.placeholders.map((p) => `${p.name.length > 80 ? `${p.name.slice(0, 79)}…` : p.name}${p.range ? ` (line ${p.range.line}:${p.range.column})` : ''}`);
  // The message stays one readable line; every name is in details.unresolved and the app's fields.
  const names = all.length > 4 ? [...all.slice(0, 4), `${all.length - 4} more`] : all;
  const example = conversion.placeholders[0].name.replace(/^var\./, '');
  const text = `the configuration depends on ${all.length === 1 ? 'a value' : 'values'} the ${conversion.format === 'terraform' ? 'Terraform text' : 'template'} does not give: ${names.join(', ')}; fill ${all.length === 1 ? 'it' : 'them'} in (--var ${example}=VALUE)`;
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

/** Carries the result's ranges from the converted JSON back into the pasted text. */
export function remapResult(result: EvaluationResult, conversion: Conversion): EvaluationResult {
  const remap = (range: SourceRange | undefined) => (range ? mapRange(range, conversion.text, conversion.map) : undefined);
  const details: Record<string, unknown> = { ...result.details, iac: iacDetails(conversion) };
  if (details.errorSource) details.errorSource = remap(details.errorSource as SourceRange) ?? details.errorSource;
  const remapped: EvaluationResult = {
    ...result,
    checks: result.checks.map((check) => (check.source ? { ...check, source: remap(check.source) } : check)),
    findings: result.findings.map((finding) => (finding.source ? { ...finding, source: remap(finding.source) } : finding)),
    details,
  };
  if (conversion.placeholders.length === 0) return remapped;
  // A value the text does not give could change any check: say so instead of guessing.
  const first = conversion.placeholders[0];
  return {
    ...remapped,
    decision: 'error',
    message: placeholderMessage(conversion),
    checks: remapped.checks.filter((c) => c.id === 'token.signature'),
    // So could any finding (`No ${var.url}:aud condition` while the key is still unknown): they wait too.
    findings: [],
    details: { ...details, inputError: 'policy', errorSource: first.range, unresolved: conversion.placeholders.map((p) => p.name) },
  };
}

export function iacDetails(conversion: Conversion) {
  return {
    format: conversion.format,
    resource: conversion.resource,
    resources: conversion.resources.map((r) => ({ address: r.address, provider: r.provider })),
    provider: conversion.provider,
    convertedText: conversion.text,
    placeholders: conversion.placeholders,
    ...(conversion.unchecked ? { unchecked: true } : {}),
  };
}

function verdictKey(result: EvaluationResult): string {
  return JSON.stringify([result.decision, result.message, result.checks.map((c) => [c.id, c.result])]);
}

/**
 * Terraform or CloudFormation text, prepared through the configuration it converts to: converted
 * once, the converted configuration prepared by the front door (`prepareConverted`), and every
 * answer carried back into the pasted text.
 */
export function prepareIac(
  text: string,
  format: IacFormat,
  given: ProviderId | null,
  options: Record<string, string>,
  prepareConverted: (text: string, provider: ProviderId) => Stage,
): Stage {
  const request = iacRequestFromOptions(options, given);
  const outcome = convertIac(text, format, request);
  if (!outcome.ok) {
    const iac = { format, resources: outcome.resources.map((r) => ({ address: r.address, provider: r.provider })), pending: outcome.pending === true, ...(outcome.unchecked ? { unchecked: true } : {}) };
    const providers = [...new Set(outcome.resources.map((r) => r.provider))];
    const provider = given ?? (providers.length === 1 ? providers[0] : null);
    return refused(provider, errorResult(provider, outcome.message, { source: outcome.source, details: { inputError: 'policy', iac } }), null);
  }
  const { conversion } = outcome;
  if (given && given !== conversion.provider) {
    const message = `${conversion.resource} is a ${conversion.provider} configuration, not ${given}`;
    return refused(given, errorResult(given, message, { source: conversion.map.whole, details: { inputError: 'policy', iac: iacDetails(conversion) } }), conversion);
  }
  const inner = prepareConverted(conversion.text, conversion.provider);
  const answer = (stage: Stage, c: Conversion, token: TokenOutcome, context: DecideContext) => remapResult(stage.run(token, context), c);
  const deployment = conversion.placeholders.map((p) => ({ name: p.name, values: deploymentValues(p.name) }));
  // Values a deployment always fills (an account id): the text prepared with two different ones, once.
  let variants: Array<{ stage: Stage; conversion: Conversion } | null> | null = null;
  const variantsOf = () =>
    (variants ??= [0, 1].map((which) => {
      const vars = { ...request.vars };
      for (const d of deployment) vars[d.name] = d.values![which];
      const converted = convertIac(text, format, { ...request, vars });
      return converted.ok ? { stage: prepareConverted(converted.conversion.text, converted.conversion.provider), conversion: converted.conversion } : null;
    }));
  const evaluate = (token: TokenOutcome, context: DecideContext): EvaluationResult => {
    if (conversion.placeholders.length === 0 || deployment.some((d) => d.values === null)) return answer(inner, conversion, token, context);
    const results = variantsOf().map((variant) => (variant ? answer(variant.stage, variant.conversion, token, context) : null));
    const [first, second] = results;
    if (!first || !second || verdictKey(first) !== verdictKey(second)) return answer(inner, conversion, token, context);
    const names = conversion.placeholders.map((p) => p.name).join(', ');
    return {
      ...first,
      findings: [
        ...first.findings,
        {
          id: 'iac.deployment-values',
          severity: 'info',
          message: `${names} ${conversion.placeholders.length === 1 ? 'is' : 'are'} not given; the verdict is the same for any value (evaluated with two different ones).`,
          source: conversion.placeholders[0].range,
        },
      ],
      details: { ...first.details, iac: iacDetails(conversion) },
    };
  };
  // Without values to fill, the converted configuration's own decision is the answer, untraced.
  const quick = conversion.placeholders.length === 0 ? inner.quick : undefined;
  return {
    ok: inner.ok,
    provider: conversion.provider,
    configurationText: conversion.text,
    conversion,
    run: (token, context) => withSignature(evaluate(token, context), context),
    quick,
  };
}

/** A conversion error still reports the signature check, like every other result. */
function withSignature(result: EvaluationResult, context: DecideContext): EvaluationResult {
  if (result.checks.some((c) => c.id === 'token.signature')) return result;
  return { ...result, checks: [signatureCheck(context.signature ?? SIGNATURE_NOT_CHECKED), ...result.checks] };
}

function refused(provider: ProviderId | null, result: EvaluationResult, conversion: Conversion | null): Stage {
  return { ok: false, provider, configurationText: null, conversion, run: (_token, context) => withSignature(result, context) };
}
