import { useEffect, useState } from 'react';
import { EXAMPLES } from '../engine/examples';
import { PROVIDER_IDS } from '../engine/result';
import { isoOf, parseInstant } from '../engine/time';
import type { ThemeChoice } from './state/theme';
import { useEngine } from './state/useEngine';

interface Props {
  exampleId: string | null;
  at: number | null;
  effectiveAt: number;
  themeChoice: ThemeChoice;
  theme: 'light' | 'dark';
  onExample: (id: string) => void;
  onAt: (at: number | null) => void;
  onTheme: (choice: ThemeChoice) => void;
  shareControl: React.ReactNode;
}

function ExamplesMenu({ exampleId, onExample }: Pick<Props, 'exampleId' | 'onExample'>) {
  const engine = useEngine();
  if (EXAMPLES.length === 0) return null;
  return (
    <div className="header-field">
      <label htmlFor="examples-menu">Example</label>
      <select id="examples-menu" value={exampleId ?? ''} onChange={(event) => event.target.value && onExample(event.target.value)}>
        <option value="">{exampleId ? '' : 'Your own input'}</option>
        {PROVIDER_IDS.map((provider) => {
          const examples = EXAMPLES.filter((example) => example.provider === provider);
          if (examples.length === 0) return null;
          return (
            <optgroup key={provider} label={engine?.PROVIDERS[provider]?.label ?? provider}>
              {examples.map((example) => (
                <option key={example.id} value={example.id}>
                  {example.title}
                </option>
              ))}
            </optgroup>
          );
        })}
      </select>
    </div>
  );
}

/** Evaluate now (ticking) or at a chosen instant (ISO 8601 or Unix seconds). */
function TimeControl({ at, effectiveAt, onAt }: Pick<Props, 'at' | 'effectiveAt' | 'onAt'>) {
  const [text, setText] = useState(at === null ? '' : isoOf(at));
  useEffect(() => setText(at === null ? '' : isoOf(at)), [at]);
  const parsed = text.trim() === '' ? null : parseInstant(text);
  const invalid = text.trim() !== '' && parsed === null;
  return (
    <div className="header-field time-control">
      <label htmlFor="eval-time">Evaluated at</label>
      <input
        id="eval-time"
        type="text"
        inputMode="text"
        value={text}
        placeholder={`now (${isoOf(effectiveAt)})`}
        aria-invalid={invalid}
        aria-describedby={invalid ? 'eval-time-error' : undefined}
        onChange={(event) => {
          setText(event.target.value);
          const value = event.target.value.trim() === '' ? null : parseInstant(event.target.value);
          if (event.target.value.trim() === '') onAt(null);
          else if (value !== null) onAt(value);
        }}
        size={22}
      />
      {at !== null && (
        <button type="button" onClick={() => onAt(null)}>
          Now
        </button>
      )}
      {invalid && (
        <span id="eval-time-error" className="field-error" role="alert">
          Use ISO 8601 (2026-05-01T12:00:00Z) or Unix seconds.
        </span>
      )}
    </div>
  );
}

function ThemeToggle({ themeChoice, theme, onTheme }: Pick<Props, 'themeChoice' | 'theme' | 'onTheme'>) {
  const next: ThemeChoice = themeChoice === 'system' ? (theme === 'dark' ? 'light' : 'dark') : themeChoice === 'dark' ? 'light' : 'system';
  const label = themeChoice === 'system' ? `Theme: system (${theme})` : `Theme: ${themeChoice}`;
  return (
    <button type="button" className="theme-toggle" onClick={() => onTheme(next)} aria-label={`${label}. Switch to ${next}.`} data-testid="theme-toggle" data-theme-choice={themeChoice}>
      {theme === 'dark' ? '☾' : '☀'} <span className="theme-text">{themeChoice === 'system' ? 'System' : themeChoice === 'dark' ? 'Dark' : 'Light'}</span>
    </button>
  );
}

export function Header(props: Props) {
  return (
    <header className="app-header">
      <div className="brand">
        <a href="/" className="brand-link" aria-label="trustlens home">
          <img src="/favicon.svg" alt="" width="22" height="22" /> trustlens
        </a>
        <span className="tagline">Will this CI token be let into this cloud role?</span>
      </div>
      <nav className="header-controls" aria-label="Workbench controls">
        <ExamplesMenu exampleId={props.exampleId} onExample={props.onExample} />
        {EXAMPLES.length > 0 && (
          <a className="header-link" href="#gallery" onClick={(event) => {
            event.preventDefault();
            document.getElementById('gallery')?.scrollIntoView({ behavior: 'smooth' });
          }}>
            Gallery
          </a>
        )}
        <TimeControl at={props.at} effectiveAt={props.effectiveAt} onAt={props.onAt} />
        {props.shareControl}
        <ThemeToggle themeChoice={props.themeChoice} theme={props.theme} onTheme={props.onTheme} />
      </nav>
    </header>
  );
}
