/**
 * The workbench's life cycle: restored from the fragment on load, loaded from examples on
 * `#example=` navigation, and mirrored back into the fragment (without the token's signature)
 * as the user edits.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Example } from '../../engine/examples';
import { shareInputOf } from '../share/input';
import { readFragment } from './fragment';
import { safeReadToken } from './useEvaluation';
import { useEngine, type Engine } from './useEngine';
import { isoOf } from '../../engine/time';
import type { ProviderId } from '../../engine/result';
import {
  defaultExample,
  defaultWorkbench,
  EMPTY_WORKBENCH,
  providerToSwitchTo,
  replacesLoadedToken,
  timeClaimsKey,
  workbenchFromExample,
  type InstantOrigin,
  type Workbench,
} from './workbench';

/** Beyond this, compressing the state on every edit would make typing sluggish; no link is kept. */
const MAX_MIRRORED_CHARS = 200_000;

export interface LoadNotice {
  kind: 'invalid-fragment' | 'too-large' | 'judged-now' | 'provider-switched' | 'token-left-out';
  message: string;
  /** A one-click way back, e.g. to the instant or provider before an automatic change. */
  undo?: { label: string; run: () => void };
}

interface Initial {
  workbench: Workbench;
  notice: LoadNotice | null;
  exampleId: string | null;
  from: 'example' | 'link' | null;
}

/** Where a change comes from: typed or pasted by the user, or produced by a claim builder. */
export interface ChangeOptions {
  /** The builders mint claims for the instant in use: they never move it. */
  fromBuilder?: boolean;
  /** A step Back should undo (a witness loaded, compare on or off): it gets its own history entry. */
  step?: boolean;
}

/** The last fragment read on load: the page reads it once before rendering and once when it renders. */
let lastInitial: { hash: string; initial: Initial } | null = null;

function initialFrom(hash: string): Initial {
  if (lastInitial?.hash !== hash) lastInitial = { hash, initial: readInitial(hash) };
  return lastInitial.initial;
}

/** The provider the page opens with, when the link or example names one. */
export function openingProvider(hash: string): ProviderId {
  return initialFrom(hash).workbench.provider;
}

function readInitial(hash: string): Initial {
  const outcome = readFragment(hash);
  switch (outcome.kind) {
    case 'state':
      return { workbench: outcome.workbench, notice: null, exampleId: null, from: 'link' };
    case 'example':
      return { workbench: workbenchFromExample(outcome.example), notice: null, exampleId: outcome.example.id, from: 'example' };
    case 'invalid':
      // A broken link loads nothing: showing another scenario could be mistaken for the linked one.
      return {
        workbench: EMPTY_WORKBENCH,
        notice: { kind: 'invalid-fragment', message: `${outcome.reason} Paste a token and a configuration, or pick an example.` },
        exampleId: null,
        from: null,
      };
    case 'none':
      return { workbench: defaultWorkbench(), notice: null, exampleId: defaultExample()?.id ?? null, from: 'example' };
  }
}

/**
 * The fragment the address bar held when the page last wrote or read it. Another one means a
 * navigation (a followed link, Back) whose hashchange has not been handled yet: a busy page can run
 * the pending write of an edit in between, and the handler would then read the page's own state
 * back instead of what was navigated to.
 */
let knownFragment = typeof window === 'undefined' ? '' : window.location.hash;

function navigatedSinceKnown(): boolean {
  return window.location.hash !== knownFragment;
}

function replaceFragment(fragment: string) {
  const url = `${window.location.pathname}${window.location.search}${fragment}`;
  window.history.replaceState(window.history.state, '', url);
  knownFragment = window.location.hash;
}

/**
 * A step the reader may want to undo with Back (an example picked, a token loaded, compare turned
 * on or off) gets a history entry of its own; typing only rewrites the current one (WEB.md).
 */
function pushFragment(fragment: string) {
  const url = `${window.location.pathname}${window.location.search}${fragment}`;
  window.history.pushState(null, '', url);
  knownFragment = window.location.hash;
}

/** The fragment the address bar carries for `workbench`, or null when it cannot carry it. */
function fragmentOf(engine: Engine | null, workbench: Workbench): string | null {
  if (!engine || workbench.tokenText.length + workbench.policyText.length > MAX_MIRRORED_CHARS) return null;
  const input = shareInputOf(workbench, safeReadToken(engine, workbench.tokenText));
  const link = engine.shareLink('', engine.buildShareState(input, { includeToken: false, redact: false }));
  return link.loadable ? link.url : null;
}


/** The time claims of a token input, or null while it cannot be read (e.g. half pasted). */
function timeKeyOf(engine: Engine | null, text: string): string | null {
  if (!engine) return null;
  const outcome = safeReadToken(engine, text);
  return outcome.ok ? timeClaimsKey(outcome.token.claims) : null;
}

function detected(engine: Engine | null, text: string): ProviderId | null {
  if (!engine || text.length > 200_000) return null;
  try {
    const detection = engine.detectProvider(text);
    return detection.ok ? detection.provider : null;
  } catch {
    return null;
  }
}

export function useWorkbench() {
  const engine = useEngine();
  const [initial] = useState(() => initialFrom(window.location.hash));
  const engineRef = useRef(engine);
  engineRef.current = engine;
  const [workbench, setWorkbench] = useState(initial.workbench);
  const [notice, setNotice] = useState<LoadNotice | null>(initial.notice);
  const [exampleId, setExampleId] = useState<string | null>(initial.exampleId);
  // Only user edits rewrite the fragment: an opened link or example stays as it was given.
  const edited = useRef(false);
  const current = useRef(workbench);
  current.current = workbench;
  // The time key of a loaded instant is computed once the engine is there to read the token.
  const instantOrigin = useRef<InstantOrigin | { kind: 'loading'; from: 'example' | 'link' }>(
    initial.from ? { kind: 'loading', from: initial.from } : { kind: 'chosen' },
  );
  /** The user picked the provider from the list: never switch it for them. */
  const providerChosen = useRef(false);

  const originOf = (text: string): InstantOrigin => {
    const origin = instantOrigin.current;
    if (origin.kind !== 'loading') return origin;
    const resolved: InstantOrigin = { kind: 'loaded', from: origin.from, timeKey: timeKeyOf(engine, text) };
    if (engine) instantOrigin.current = resolved;
    return resolved;
  };

  const update = useCallback(
    (change: Partial<Workbench>, options: ChangeOptions = {}) => {
      const before = current.current;
      const next: Workbench = { ...before, ...change };
      if (change.at !== undefined) instantOrigin.current = { kind: 'chosen' };
      if (change.provider !== undefined && change.provider !== before.provider) providerChosen.current = true;

      if (change.tokenText !== undefined && change.tokenText !== before.tokenText && !options.fromBuilder && change.at === undefined) {
        const origin = originOf(before.tokenText);
        if (replacesLoadedToken(origin, before.at, timeKeyOf(engine, change.tokenText))) {
          const fixedAt = before.at!;
          const where = origin.kind === 'loaded' && origin.from === 'link' ? "the link's" : "the example's";
          next.at = null;
          instantOrigin.current = { kind: 'chosen' };
          setNotice({
            kind: 'judged-now',
            message: `Your token is judged now, not at ${where} fixed instant (${isoOf(fixedAt)}). Set “Evaluated at” to choose another instant.`,
            undo: {
              label: `Use ${where} instant`,
              run: () => {
                instantOrigin.current = { kind: 'chosen' };
                setWorkbench((latest) => ({ ...latest, at: fixedAt }));
                setNotice(null);
              },
            },
          });
        }
      }

      if (change.policyText !== undefined && change.policyText !== before.policyText && change.provider === undefined) {
        const target = providerToSwitchTo(before.provider, detected(engine, change.policyText), providerChosen.current);
        // A provider was detected, so the engine (and its registry of provider faces) is loaded.
        if (target && engine) {
          const PROVIDERS = engine.PROVIDERS;
          const previous = before.provider;
          next.provider = target;
          setNotice({
            kind: 'provider-switched',
            message: `Switched the provider to ${PROVIDERS[target].name}: the configuration has the shape of one.`,
            undo: {
              label: `Keep ${PROVIDERS[previous].name}`,
              run: () => {
                providerChosen.current = true;
                setWorkbench((latest) => ({ ...latest, provider: previous }));
                setNotice(null);
              },
            },
          });
        }
      }
      if (options.step) {
        // The entry being left keeps the state before the step and the new one gets the state
        // after it, both written now rather than after the mirror's pause: two entries with the
        // same fragment would make Back change nothing (no hashchange between equal fragments).
        const fragment = edited.current ? fragmentOf(engine, before) : null;
        if (fragment !== null) replaceFragment(fragment);
        pushFragment(fragmentOf(engine, next) ?? window.location.hash);
      }
      edited.current = true;
      setExampleId(null);
      current.current = next;
      setWorkbench(next);
    },
    // originOf reads refs and the engine only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [engine],
  );

  const loadExample = useCallback((example: Example, writeUrl = true) => {
    const wasEdited = edited.current;
    edited.current = false;
    instantOrigin.current = { kind: 'loading', from: 'example' };
    providerChosen.current = false;
    setWorkbench(workbenchFromExample(example));
    setExampleId(example.id);
    setNotice(null);
    if (writeUrl) {
      if (wasEdited) {
        const fragment = fragmentOf(engineRef.current, current.current);
        if (fragment !== null) replaceFragment(fragment);
      }
      pushFragment(`#example=${encodeURIComponent(example.id)}`);
    }
  }, []);

  useEffect(() => {
    const onHashChange = () => {
      knownFragment = window.location.hash;
      const outcome = readFragment(knownFragment);
      if (outcome.kind === 'example') loadExample(outcome.example, false);
      else if (outcome.kind === 'state') {
        edited.current = false;
        instantOrigin.current = { kind: 'loading', from: 'link' };
        providerChosen.current = false;
        setWorkbench(outcome.workbench);
        setExampleId(null);
        setNotice(null);
      } else if (outcome.kind === 'invalid') {
        setNotice({ kind: 'invalid-fragment', message: outcome.reason });
      } else if (window.location.hash === '') {
        // Back to the entry the app opened on without a fragment: the default example again. An
        // in-page anchor (#verdict-heading, the skip link) is not ours and changes nothing.
        const example = defaultExample();
        if (example) loadExample(example, false);
      }
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, [loadExample]);

  useEffect(() => {
    if (!edited.current || !engine || navigatedSinceKnown()) return;
    const size = workbench.tokenText.length + workbench.policyText.length;
    if (size > MAX_MIRRORED_CHARS) {
      replaceFragment('');
      setNotice({ kind: 'too-large', message: 'The inputs are too large to keep in the address bar; the link there no longer reflects them.' });
      return;
    }
    const timer = window.setTimeout(() => {
      if (!edited.current || navigatedSinceKnown()) return;
      // The address bar gets what a default share link carries: claims and header, never the signature.
      const input = shareInputOf(workbench, safeReadToken(engine, workbench.tokenText));
      const state = engine.buildShareState(input, { includeToken: false, redact: false });
      const link = engine.shareLink('', state);
      if (!link.loadable) {
        replaceFragment('');
        setNotice({ kind: 'too-large', message: 'These inputs would not load back from a link (too large or too deeply nested); the address bar no longer reflects them.' });
        return;
      }
      replaceFragment(link.url);
      if (engine.tokenInputLeftOut(input)) {
        setNotice({ kind: 'token-left-out', message: 'The token input does not decode as one token, so the address bar and share links leave it out.' });
      } else setNotice((current) => (current?.kind === 'too-large' || current?.kind === 'token-left-out' ? null : current));
    }, 250);
    return () => window.clearTimeout(timer);
  }, [workbench, engine]);

  return { workbench, update, loadExample, exampleId, notice, dismissNotice: () => setNotice(null) };
}
