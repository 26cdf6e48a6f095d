import { Component, lazy, memo, type ReactNode, Suspense, useId } from 'react';
import '../exposure/exposure.css';
import { useMediaQuery } from '../state/mediaQuery';
import type { DiffInputProps } from './MonacoDiffInput';

// The diff editor is Monaco too: it arrives in its own chunk while the textarea is already usable.
const MonacoDiffInput = lazy(() => import('./MonacoDiffInput'));

/** If Monaco fails to load or crashes, keep the textarea rather than losing the input. */
class FallbackOnError extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

/** Two editable columns need room: below this width the earlier version is a plain textarea. */
const WIDE_ENOUGH = '(min-width: 700px)';

function useWideEnough(): boolean {
  return useMediaQuery(WIDE_ENOUGH);
}

function PlainBefore(props: DiffInputProps & { id: string }) {
  return (
    <textarea
      id={props.id}
      className="code-input plain"
      data-testid={props.testId}
      aria-label={props.label}
      value={props.before}
      spellCheck={false}
      autoCapitalize="off"
      autoComplete="off"
      autoCorrect="off"
      placeholder="Paste the earlier version of the configuration here"
      onChange={(event) => props.onBefore(event.target.value)}
    />
  );
}

interface ToggleProps {
  comparing: boolean;
  /** Turning compare mode on starts "before" as a copy of the current configuration. */
  onToggle: (on: boolean) => void;
}

export function CompareToggle({ comparing, onToggle }: ToggleProps) {
  return (
    <div className="button-row compare-toggle-row">
      <button type="button" data-testid="compare-toggle" aria-pressed={comparing} onClick={() => onToggle(!comparing)}>
        {comparing ? 'Stop comparing' : 'Compare with an earlier version'}
      </button>
    </div>
  );
}

interface Props {
  before: string | undefined;
  after: string;
  theme: 'light' | 'dark';
  /** When false (embed), only the textarea is used. */
  rich: boolean;
  onBefore: (text: string) => void;
}

/** Compare mode's editor: the earlier configuration beside the current one, differences marked. */
function ComparePaneView({ before, after, theme, rich, onBefore }: Props) {
  const id = useId();
  const wide = useWideEnough();
  if (before === undefined) return null;
  const diff = rich && wide;
  const trimmed = `${before}${after}`.trimStart();
  const props: DiffInputProps = {
    before,
    after,
    onBefore,
    language: trimmed === '' || trimmed.startsWith('{') || trimmed.startsWith('[') ? 'json' : 'plaintext',
    theme,
    testId: 'compare-before-input',
    label: 'Earlier version of the trust configuration',
  };
  const plain = <PlainBefore {...props} id={`${id}-before`} />;
  return (
    <section className="compare-pane compare-editor" aria-labelledby={`${id}-heading`}>
      <div className="compare-head">
        <h3 id={`${id}-heading`}>Compare: before → now</h3>
        <span className="muted small">
          {diff ? 'Left: the earlier version, edit it here. Right: the current one, edited above.' : 'The earlier version of the configuration, compared with the one above.'}
        </span>
      </div>
      <div className="compare-frame">
        {diff ? (
          <FallbackOnError fallback={plain}>
            <Suspense fallback={plain}>
              <MonacoDiffInput {...props} fallback={plain} />
            </Suspense>
          </FallbackOnError>
        ) : (
          plain
        )}
      </div>
    </section>
  );
}

/** Memoised: it re-renders when its own inputs change, not on every keystroke elsewhere on the page. */
export const ComparePane = memo(ComparePaneView);
