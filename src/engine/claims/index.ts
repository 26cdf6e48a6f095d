export * from './issuer';
export * from './catalogue';
export * from './notes';
export * from './subject';
export * from './builder';
export * from './examples';
