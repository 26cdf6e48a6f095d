/**
 * A Terraform or CloudFormation text that names values it does not give has no verdict yet: the
 * verdict area says so calmly, lists each value with what it is for, and leads to its field under
 * the editor (IacInputs), instead of showing an error.
 */
import type { ReactNode } from 'react';
import type { PlaceholderUse } from '../../engine/inputs/placeholder-uses';
import type { EvaluationResult, SourceRange } from '../../engine/result';
import type { Engine } from '../state/useEngine';
import type { RevealTarget } from './reveal';

interface Placeholder {
  name: string;
  range?: SourceRange;
}

/** The values the verdict waits for; none when the result is a verdict. */
export function neededValues(result: EvaluationResult | null): string[] {
  if (!result || result.decision !== 'error' || !Array.isArray(result.details.unresolved)) return [];
  return result.details.unresolved.filter((name): name is string => typeof name === 'string');
}

export function needsValues(result: EvaluationResult | null): boolean {
  return neededValues(result).length > 0;
}

/** The field under the editor that takes a value (IacInputs gives each this id). */
export function valueFieldId(name: string): string {
  return `iac-var-${name}`;
}

export function focusValueField(name: string): void {
  const field = document.getElementById(valueFieldId(name));
  if (!field) return;
  field.scrollIntoView({ block: 'center' });
  field.focus({ preventScroll: true });
}

function textNoun(result: EvaluationResult): string {
  const iac = result.details.iac as { format?: string } | undefined;
  return iac?.format === 'cloudformation' ? 'template' : 'Terraform text';
}

function listed(names: string[]): string {
  const shown = names.length > 4 ? [...names.slice(0, 4), `${names.length - 4} more`] : names;
  return shown.length === 1 ? shown[0] : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}

/** The verdict's message in the page: the values by name and where to give them (not the CLI's --var). */
export function needsValuesMessage(result: EvaluationResult): string {
  const names = neededValues(result);
  const noun = textNoun(result);
  return names.length === 1
    ? `The verdict waits for ${names[0]}, a value the ${noun} does not give: fill it in with the fields under the editor.`
    : `The verdict waits for ${names.length} values the ${noun} does not give, ${listed(names)}: fill them in with the fields under the editor.`;
}

interface Props {
  engine: Engine;
  result: EvaluationResult;
  context: ReactNode;
  onReveal: (target: RevealTarget) => void;
}

/** The member without the statement or list it sits in: `Principal.Federated`. */
function shortPath(engine: Engine, use: PlaceholderUse): string {
  const named = use.segments.filter((segment) => typeof segment === 'string');
  return named.length > 2 ? engine.pathText(named.slice(-2)) : use.path;
}

// The text right around the value is what tells what it is: one line keeps that much of the rest.
const AROUND = 18;
const tail = (text: string) => (text.length > AROUND ? `…${text.slice(-AROUND)}` : text);
const head = (text: string) => (text.length > AROUND ? `${text.slice(0, AROUND)}…` : text);

/** One line on what a value is for: where it lands in the converted configuration, or its line. */
function Hint({ engine, name, names, use, range }: { engine: Engine; name: string; names: string[]; use: PlaceholderUse | undefined; range?: SourceRange }) {
  if (!use) return <>{range ? `used on line ${range.line}` : 'a value the text does not give'}</>;
  const member = shortPath(engine, use);
  const where = use.inKey ? `a key in ${member}` : member;
  if (use.text === `\${${name}}`) return <>{use.inKey ? where : `the whole of ${member}`}</>;
  const all = engine.placeholderParts(use.text, names);
  const at = all.findIndex((part) => part.name === name);
  if (at < 0) return <>{where}</>;
  // The value and its neighbours on either side; anything further is an ellipsis.
  const parts = [
    ...(at > 1 ? [{ text: '…' }] : []),
    ...(at > 0 ? [{ ...all[at - 1], text: all[at - 1].name === undefined ? tail(all[at - 1].text) : all[at - 1].text }] : []),
    all[at],
    ...(at + 1 < all.length ? [{ ...all[at + 1], text: all[at + 1].name === undefined ? head(all[at + 1].text) : all[at + 1].text }] : []),
    ...(at + 2 < all.length ? [{ text: '…' }] : []),
  ];
  return (
    <>
      {where}:{' '}
      <span className="needed-template">
        {parts.map((part, index) =>
          part.name === undefined ? (
            <span key={index}>{part.text}</span>
          ) : (
            <span key={index} className={part.name === name ? 'needed-slot needed-slot-this' : 'needed-slot'}>
              {part.name === name ? part.text : '…'}
            </span>
          ),
        )}
      </span>
    </>
  );
}

export function NeedsValuesVerdict({ engine, result, context, onReveal }: Props) {
  const names = neededValues(result);
  const iac = result.details.iac as { convertedText?: string; placeholders?: Placeholder[] } | undefined;
  const ranges = new Map((iac?.placeholders ?? []).map((p) => [p.name, p.range]));
  const uses = engine.placeholderUses(iac?.convertedText ?? '', names);
  return (
    <div className="verdict verdict-needs-values" data-testid="verdict" data-decision={result.decision} data-state="needs-values" role="status" aria-live="polite">
      <div className="verdict-top">
        <span className="decision">Needs values</span>
        <span className="verdict-context" data-testid="verdict-instant">
          {context}
        </span>
      </div>
      <p className="verdict-message-label" data-testid="verdict-message-label">
        trustlens needs values the text does not give
      </p>
      <p className="verdict-message needs-values-message" data-testid="verdict-message">
        {needsValuesMessage(result)}
      </p>
      <ul className="needed-values" data-testid="needed-values" aria-label="Values the verdict waits for">
        {names.map((name) => {
          const range = ranges.get(name);
          return (
            <li key={name} className="needed-value" data-testid="needed-value" data-name={name}>
              <span className="needed-head">
                <button type="button" className="link-button needed-name" onClick={() => focusValueField(name)} aria-label={`Fill in ${name}`}>
                  <code>{name}</code>
                </button>
                {range && (
                  <button type="button" className="link-button" onClick={() => onReveal({ input: 'policy', range })}>
                    line {range.line}
                  </button>
                )}
              </span>
              <span className="needed-hint" data-testid="needed-hint">
                <Hint engine={engine} name={name} names={names} use={uses.get(name)} range={range} />
              </span>
            </li>
          );
        })}
      </ul>
      <button type="button" className="needs-values-go" data-testid="needs-values-go" onClick={() => focusValueField(names[0])}>
        Fill in {names[0]}
      </button>
    </div>
  );
}
