/** Sharing and hand-offs: share links, redaction, scenario files, CLI commands and reports. */
export * from './state';
export * from './redact';
export * from './build';
export * from './exports';
export * from '../report';
export * from './signatures';
