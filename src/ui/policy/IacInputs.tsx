/**
 * For Terraform and CloudFormation text: which resource is evaluated (a picker when the text holds
 * several), fill-in fields for the values the text does not give, and the converted configuration
 * that was evaluated. Everything shown comes from the result's `details.iac`; choices go back as
 * options (`iac.resource`, `iac.var.NAME`).
 */
import { useRef } from 'react';
import type { EvaluationResult } from '../../engine/result';
import { valueFieldId } from '../verdict/NeedsValues';

interface IacDetails {
  format: 'terraform' | 'cloudformation';
  resource?: string;
  resources: Array<{ address: string; provider: string }>;
  convertedText?: string;
  placeholders?: Array<{ name: string; range?: { line: number } }>;
  pending?: boolean;
  unchecked?: boolean;
}

interface Props {
  result: EvaluationResult | null;
  options: Record<string, string>;
  onOption: (key: string, value: string) => void;
}

const RESOURCE = 'iac.resource';
const VAR = 'iac.var.';

/**
 * The options with one changed. An emptied value field is a value not given (the verdict waits
 * for it again), not an empty string.
 */
export function withOption(options: Record<string, string>, key: string, value: string): Record<string, string> {
  if (key.startsWith(VAR) && value === '') {
    const { [key]: _removed, ...rest } = options;
    return rest;
  }
  return { ...options, [key]: value };
}

/** Long enough rows for the value, for browsers that do not size a field to its content. */
function rowsFor(value: string): number {
  return Math.min(4, Math.max(1, Math.ceil(value.length / 40)));
}

export function IacInputs({ result, options, onOption }: Props) {
  // Where each field was first seen, and its line: a field keeps its place and line once filled in.
  const seen = useRef(new Map<string, number | undefined>());
  const iac = result?.details.iac as IacDetails | undefined;
  if (!iac) return null;
  const label = iac.format === 'terraform' ? 'Terraform' : 'CloudFormation';
  const current = new Set<string>();
  for (const p of iac.placeholders ?? []) {
    current.add(p.name);
    if (!seen.current.has(p.name) || p.range?.line !== undefined) seen.current.set(p.name, p.range?.line);
  }
  // A value already filled in keeps its field, so it can be changed or cleared.
  for (const key of Object.keys(options)) {
    if (!key.startsWith(VAR)) continue;
    const name = key.slice(VAR.length);
    current.add(name);
    if (!seen.current.has(name)) seen.current.set(name, undefined);
  }
  const placeholders = [...seen.current].filter(([name]) => current.has(name));
  const blocking = result?.decision === 'error' && Array.isArray(result.details.unresolved);

  return (
    <div className="iac-inputs" data-testid="iac-inputs">
      {iac.pending && <p className="callout callout-info">Loading the {label} reader…</p>}
      {iac.unchecked && (
        <p className="callout callout-info" data-testid="iac-unchecked">
          Read by trustlens; HashiCorp's HCL parser is still loading to double-check the text…
        </p>
      )}
      {iac.resources.length > 1 && (
        <div className="field-row">
          <label htmlFor="iac-resource">Resource</label>
          <select id="iac-resource" data-testid="iac-resource" value={options[RESOURCE] ?? iac.resource ?? ''} onChange={(event) => onOption(RESOURCE, event.target.value)}>
            {!iac.resource && !options[RESOURCE] && <option value="">Choose one of {iac.resources.length}…</option>}
            {iac.resources.map((r) => (
              <option key={r.address} value={r.address}>
                {r.address} ({r.provider})
              </option>
            ))}
          </select>
        </div>
      )}
      {placeholders.length > 0 && (
        <fieldset className="iac-placeholders">
          <legend>{blocking ? `Values the ${label} text does not give (the verdict waits for them)` : 'Values you filled in'}</legend>
          {placeholders.map(([name, line]) => {
            const value = options[`${VAR}${name}`] ?? '';
            return (
              <div className="iac-value" key={name}>
                <label htmlFor={valueFieldId(name)}>
                  <code>{name}</code>
                  {line ? <span className="muted"> (line {line})</span> : null}
                </label>
                {/* A one-line value that wraps, so a whole ARN stays in sight in a narrow pane. */}
                <textarea
                  id={valueFieldId(name)}
                  className="iac-value-input"
                  data-testid="iac-var"
                  data-name={name}
                  rows={rowsFor(value)}
                  spellCheck={false}
                  autoCapitalize="off"
                  autoComplete="off"
                  value={value}
                  placeholder="value"
                  onKeyDown={(event) => {
                    if (event.key === 'Enter') event.preventDefault();
                  }}
                  onChange={(event) => onOption(`${VAR}${name}`, event.target.value.replace(/[\r\n]+/g, ''))}
                />
              </div>
            );
          })}
        </fieldset>
      )}
      {iac.convertedText && (
        <details className="converted-config" data-testid="converted-config">
          <summary>
            Converted configuration ({iac.resource}) — what was evaluated
          </summary>
          <pre tabIndex={0} aria-label="Converted configuration, read-only">
            {iac.convertedText}
          </pre>
        </details>
      )}
    </div>
  );
}
