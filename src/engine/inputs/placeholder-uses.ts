/**
 * Where a value the Terraform or CloudFormation text does not give ends up in the converted
 * configuration, so that asking for it can say what it is for ("in Principal.Federated:
 * arn:aws:iam::‹var.account_id›:oidc-provider/…") without knowing any provider's rules. The
 * converted text writes every such value as `${NAME}` inside a JSON string or key.
 */

export interface PlaceholderUse {
  /** The member it is part of, e.g. `Statement[0].Principal.Federated`. */
  path: string;
  /** The same path as keys and indexes: `['Statement', 0, 'Principal', 'Federated']`. */
  segments: Array<string | number>;
  /** The whole string (or key) it is part of, with `${…}` where values are missing. */
  text: string;
  /** Part of a key (`${var.url}:sub`) rather than of a value. */
  inKey: boolean;
}

/** `Statement[0].Principal.Federated`; a key that is not a plain name is quoted. */
export function pathText(segments: ReadonlyArray<string | number>): string {
  return segments
    .map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${/^[A-Za-z_$][\w$]*$/.test(segment) ? segment : JSON.stringify(segment)}`))
    .join('');
}

/** The first use of each name, in document order; a name the text does not use is left out. */
export function placeholderUses(convertedText: string, names: readonly string[]): Map<string, PlaceholderUse> {
  const uses = new Map<string, PlaceholderUse>();
  let document: unknown;
  try {
    document = JSON.parse(convertedText);
  } catch {
    return uses;
  }
  const note = (text: string, segments: Array<string | number>, inKey: boolean) => {
    for (const name of names) if (!uses.has(name) && text.includes(`\${${name}}`)) uses.set(name, { path: pathText(segments), segments, text, inKey });
  };
  const walk = (value: unknown, segments: Array<string | number>) => {
    if (uses.size === names.length) return;
    if (typeof value === 'string') note(value, segments, false);
    else if (Array.isArray(value)) value.forEach((item, index) => walk(item, [...segments, index]));
    else if (value !== null && typeof value === 'object') {
      for (const [key, member] of Object.entries(value)) {
        note(key, segments, true);
        walk(member, [...segments, key]);
      }
    }
  };
  walk(document, []);
  return uses;
}

/** A use's text cut into literal parts and the names it is waiting for, for display without `${…}`. */
export function placeholderParts(text: string, names: readonly string[]): Array<{ text: string; name?: string }> {
  const parts: Array<{ text: string; name?: string }> = [];
  const pattern = /\$\{([^}]*)\}/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (!names.includes(match[1])) continue;
    if (match.index > last) parts.push({ text: text.slice(last, match.index) });
    parts.push({ text: match[1], name: match[1] });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}
