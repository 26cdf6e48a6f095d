/**
 * Terraform and CloudFormation evaluated through the configuration they convert to: the input
 * stage (`inputs/`) converts, this stage evaluates the converted configuration, carries the
 * result's ranges back into the pasted text, and answers for values the text does not give.
 */
import type { EvaluationInput } from './evaluate-with';
import { convertIac, deploymentValues, iacRequestFromOptions, type Conversion, type IacFormat } from './inputs/index';
import { mapRange } from './inputs/located';
import { errorResult, type EvaluationResult, type SourceRange } from './result';

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

/** Evaluates Terraform or CloudFormation text through its converted configuration. */
export function evaluateIac(input: EvaluationInput, format: IacFormat, evaluateJson: (input: EvaluationInput) => EvaluationResult): EvaluationResult {
  const request = iacRequestFromOptions(input.options ?? {}, input.provider ?? null);
  const outcome = convertIac(input.policyText, format, request);
  if (!outcome.ok) {
    const iac = { format, resources: outcome.resources.map((r) => ({ address: r.address, provider: r.provider })), pending: outcome.pending === true, ...(outcome.unchecked ? { unchecked: true } : {}) };
    const providers = [...new Set(outcome.resources.map((r) => r.provider))];
    const provider = input.provider ?? (providers.length === 1 ? providers[0] : null);
    return errorResult(provider, outcome.message, { source: outcome.source, details: { inputError: 'policy', iac } });
  }
  const { conversion } = outcome;
  if (input.provider && input.provider !== conversion.provider) {
    return errorResult(input.provider, `${conversion.resource} is a ${conversion.provider} configuration, not ${input.provider}`, {
      source: conversion.map.whole,
      details: { inputError: 'policy', iac: iacDetails(conversion) },
    });
  }
  const run = (c: Conversion) => remapResult(evaluateJson({ ...input, policyText: c.text, provider: c.provider }), c);
  const deployment = conversion.placeholders.map((p) => ({ name: p.name, values: deploymentValues(p.name) }));
  if (conversion.placeholders.length === 0 || deployment.some((d) => d.values === null)) return run(conversion);
  const variants = [0, 1].map((which) => {
    const vars = { ...request.vars };
    for (const d of deployment) vars[d.name] = d.values![which];
    const converted = convertIac(input.policyText, format, { ...request, vars });
    return converted.ok ? run(converted.conversion) : null;
  });
  if (!variants[0] || !variants[1] || verdictKey(variants[0]) !== verdictKey(variants[1])) return run(conversion);
  const names = conversion.placeholders.map((p) => p.name).join(', ');
  return {
    ...variants[0],
    findings: [
      ...variants[0].findings,
      {
        id: 'iac.deployment-values',
        severity: 'info',
        message: `${names} ${conversion.placeholders.length === 1 ? 'is' : 'are'} not given; the verdict is the same for any value (evaluated with two different ones).`,
        source: conversion.placeholders[0].range,
      },
    ],
    details: { ...variants[0].details, iac: iacDetails(conversion) },
  };
}
