import { useEffect, useState } from 'react';
import type { EvaluationResult } from '../../engine/result';
import { revealVerdict } from '../exposure/load';
import { focusValueField, neededValues } from './NeedsValues';

const WORDS: Record<EvaluationResult['decision'], string> = { allow: 'Allowed', deny: 'Denied', error: 'Error' };

/**
 * On a phone the panes stack and the verdict is thousands of pixels above the editor being typed
 * in: a compact bar at the foot of the screen keeps the decision in sight while the full verdict
 * is scrolled away, and jumps back to it. Hidden on wider screens (styles.css), where the panes
 * stand side by side.
 */
export function VerdictBar({ result, stale }: { result: EvaluationResult | null; stale: boolean }) {
  const [verdictInView, setVerdictInView] = useState(true);
  const ready = result !== null;
  useEffect(() => {
    if (typeof IntersectionObserver === 'undefined') return;
    const targets = [document.getElementById('verdict-heading'), document.querySelector('.verdict-pane')].filter((element): element is Element => element !== null);
    if (targets.length === 0) return;
    const visible = new Map<Element, boolean>();
    const observer = new IntersectionObserver((entries) => {
      for (const entry of entries) visible.set(entry.target, entry.isIntersecting);
      setVerdictInView([...visible.values()].some(Boolean));
    });
    for (const target of targets) observer.observe(target);
    return () => observer.disconnect();
  }, [ready]);
  if (!result || verdictInView) return null;
  // No verdict yet: the bar says which values it waits for and leads to the first field.
  const needed = neededValues(result);
  if (needed.length > 0) {
    return (
      <div className="verdict-bar verdict-needs-values" data-testid="verdict-bar" data-decision={result.decision} data-state="needs-values" aria-busy={stale}>
        <strong className="decision">Needs values</strong>
        <span className="verdict-bar-message">{needed.join(', ')}</span>
        <button type="button" className="link-button" onClick={() => focusValueField(needed[0])}>
          Fill in
        </button>
      </div>
    );
  }
  return (
    <div className={`verdict-bar verdict-${result.decision}`} data-testid="verdict-bar" data-decision={result.decision} aria-busy={stale}>
      <strong className="decision">{WORDS[result.decision]}</strong>
      <span className="verdict-bar-message">{result.message}</span>
      <button
        type="button"
        className="link-button"
        onClick={() => {
          document.getElementById('verdict-heading')?.scrollIntoView({ block: 'start' });
          revealVerdict();
        }}
      >
        Show the verdict
      </button>
    </div>
  );
}
