/**
 * For Terraform and CloudFormation text: which resource is evaluated (a picker when the text holds
 * several), fill-in fields for the values the text does not give, and the converted configuration
 * that was evaluated. Everything shown comes from the result's `details.iac`; choices go back as
 * options (`iac.resource`, `iac.var.NAME`).
 */
import type { EvaluationResult } from '../../engine/result';

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

export function IacInputs({ result, options, onOption }: Props) {
  const iac = result?.details.iac as IacDetails | undefined;
  if (!iac) return null;
  const label = iac.format === 'terraform' ? 'Terraform' : 'CloudFormation';
  const placeholders = new Map<string, number | undefined>();
  for (const p of iac.placeholders ?? []) placeholders.set(p.name, p.range?.line);
  // A value already filled in keeps its field, so it can be changed or cleared.
  for (const key of Object.keys(options)) if (key.startsWith(VAR) && !placeholders.has(key.slice(VAR.length))) placeholders.set(key.slice(VAR.length), undefined);
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
      {placeholders.size > 0 && (
        <fieldset className="iac-placeholders">
          <legend>{blocking ? `Values the ${label} text does not give (the verdict waits for them)` : 'Values you filled in'}</legend>
          {[...placeholders].map(([name, line]) => (
            <div className="field-row" key={name}>
              <label htmlFor={`iac-var-${name}`}>
                {name}
                {line ? <span className="muted"> (line {line})</span> : null}
              </label>
              <input
                id={`iac-var-${name}`}
                data-testid="iac-var"
                data-name={name}
                type="text"
                spellCheck={false}
                value={options[`${VAR}${name}`] ?? ''}
                placeholder="value"
                onChange={(event) => onOption(`${VAR}${name}`, event.target.value)}
              />
            </div>
          ))}
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
