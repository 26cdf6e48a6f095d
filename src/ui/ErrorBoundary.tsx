import { Component, type ReactNode } from 'react';

interface Props {
  /** What this boundary guards, for the message ("the claims table"). */
  what: string;
  /** When this changes (e.g. the input was edited), try rendering again. */
  resetKey?: unknown;
  children: ReactNode;
}

interface State {
  error: Error | null;
  resetKey: unknown;
}

/**
 * A rendering failure in one view must never blank the page or lose what the user typed: the
 * inputs live above these boundaries, and only the failing view is replaced by a message.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    if (props.resetKey !== state.resetKey) return { error: null, resetKey: props.resetKey };
    return null;
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="callout callout-error" role="alert">
        <strong>Could not show {this.props.what}.</strong> {this.state.error.message || 'Unexpected error.'} Your input is kept;
        edit it to try again.
      </div>
    );
  }
}
