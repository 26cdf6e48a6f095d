import { DiffEditor, type DiffOnMount } from '@monaco-editor/react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { monaco } from '../editor/monacoSetup';

type DiffEditorInstance = Parameters<DiffOnMount>[0];

export interface DiffInputProps {
  /** The earlier configuration: the left side, editable. */
  before: string;
  /** The current configuration: the right side, read-only here (it is edited in the main editor). */
  after: string;
  onBefore: (text: string) => void;
  language: 'json' | 'plaintext';
  theme: 'light' | 'dark';
  testId: string;
  label: string;
}

/**
 * Monaco's diff editor. The left model is written only when the text changes from outside (a
 * link, the toggle); the editor's own keystrokes flow out through `onBefore`, so typing never
 * resets the cursor.
 */
export default function MonacoDiffInput(props: DiffInputProps & { fallback: ReactNode }) {
  const editorRef = useRef<DiffEditorInstance | null>(null);
  // The placeholder holds the test id until the editor is mounted, so it names one element at a time.
  const [mounted, setMounted] = useState(false);
  const onBeforeRef = useRef(props.onBefore);
  onBeforeRef.current = props.onBefore;
  // Only the first value goes through the component's prop: later ones are applied below.
  const initialBefore = useRef(props.before);

  useEffect(() => {
    const original = editorRef.current?.getOriginalEditor();
    if (original && original.getValue() !== props.before) original.setValue(props.before);
  }, [props.before]);

  const onMount: DiffOnMount = (editor) => {
    editorRef.current = editor;
    setMounted(true);
    const original = editor.getOriginalEditor();
    // The models outlive a previous editor (see keepCurrent… below): bring both up to date.
    if (original.getValue() !== props.before) original.setValue(props.before);
    const modified = editor.getModifiedEditor();
    if (modified.getValue() !== props.after) modified.setValue(props.after);
    original.onDidChangeModelContent(() => onBeforeRef.current(original.getValue()));
    // When a difference first appears (the versions were equal, or the editor just opened), bring
    // it into view: in a long configuration it would otherwise sit below the editor's fold. Later
    // diffs leave the scroll position to the reader, who is typing.
    let hadChanges = false;
    editor.onDidUpdateDiff(() => {
      const first = editor.getLineChanges()?.[0];
      if (first && !hadChanges) {
        modified.revealLineInCenterIfOutsideViewport(Math.max(1, first.modifiedStartLineNumber));
        original.revealLineInCenterIfOutsideViewport(Math.max(1, first.originalStartLineNumber));
      }
      hadChanges = !!first;
    });
  };

  return (
    <DiffEditor
      original={initialBefore.current}
      modified={props.after}
      language={props.language}
      // Own model URIs: sharing the main editor's model would tie their lifetimes together.
      originalModelPath="inmemory://compare/before.json"
      modifiedModelPath="inmemory://compare/after.json"
      // Disposing the models on unmount, before the editor, makes Monaco throw ("TextModel got
      // disposed before DiffEditorWidget model got reset"); the two models are kept and reused.
      keepCurrentOriginalModel
      keepCurrentModifiedModel
      theme={props.theme === 'dark' ? 'vs-dark' : 'vs'}
      loading={props.fallback}
      onMount={onMount}
      height="100%"
      wrapperProps={mounted ? { 'data-testid': props.testId, className: 'monaco-wrapper', 'aria-label': props.label } : { className: 'monaco-wrapper' }}
      options={{
        originalEditable: true,
        readOnly: true,
        renderSideBySide: true,
        // The inline view cannot edit the earlier side: keep two columns even when narrow.
        useInlineViewWhenSpaceIsLimited: false,
        minimap: { enabled: false },
        scrollBeyondLastLine: false,
        wordWrap: 'on',
        diffWordWrap: 'on',
        fontSize: 12.5,
        automaticLayout: true,
        fixedOverflowWidgets: true,
        renderOverviewRuler: false,
        // As in the single editor: URLs in a configuration are values under review, never links.
        links: false,
        ariaLabel: props.label,
      }}
    />
  );
}

export { monaco };
