import { Component, lazy, Suspense, useRef, type ReactNode } from 'react';
import type { SourceRange } from '../../engine/result';
import { afterFirstVerdict } from '../state/firstVerdict';
import { PlainInput } from './PlainInput';
import type { CodeInputProps } from './types';

// Monaco is about 1 MB gzip: it arrives in its own chunk, after the first verdict, while the textarea is already usable.
const MonacoInput = lazy(() => afterFirstVerdict().then(() => import('./MonacoInput')));

/** If Monaco fails to load or crashes, keep the plain textarea rather than losing the input. */
class FallbackOnError extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

export function CodeInput(props: CodeInputProps) {
  // A range revealed before Monaco has mounted (a check's line clicked in the first seconds) is
  // handed over, so the editor opens on it instead of on line 1.
  const revealForEditor = useRef<SourceRange | null>(null);
  if (!props.rich) return <PlainInput {...props} />;
  const plain = <PlainInput {...props} revealForEditor={revealForEditor} />;
  return (
    <FallbackOnError fallback={<PlainInput {...props} />}>
      <Suspense fallback={plain}>
        {/* The placeholder shown while Monaco boots must not hold the editor handle: it unmounts last. */}
        <MonacoInput {...props} revealForEditor={revealForEditor} fallback={<PlainInput {...props} handleRef={undefined} />} />
      </Suspense>
    </FallbackOnError>
  );
}
