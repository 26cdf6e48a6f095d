/** A small flag parser: the contract's flags only, with messages that name the flag. */

export interface ParsedArgs {
  flags: Map<string, string>;
  /** Every value of a repeatable flag, in order. */
  repeated: Map<string, string[]>;
  positional: string[];
}

export function parseArgs(argv: string[], valueFlags: readonly string[], repeatable: readonly string[] = []): ParsedArgs | { error: string } {
  const flags = new Map<string, string>();
  const repeated = new Map<string, string[]>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      if (!valueFlags.includes(name)) return { error: `unknown option --${name}` };
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) return { error: `option --${name} needs a value` };
      if (repeatable.includes(name)) {
        repeated.set(name, [...(repeated.get(name) ?? []), value]);
        continue;
      }
      if (flags.has(name)) return { error: `option --${name} given twice` };
      flags.set(name, value);
    } else {
      positional.push(arg);
    }
  }
  return { flags, repeated, positional };
}

/** Asked for help: `--help` or `-h` anywhere among a command's arguments. */
export function wantsHelp(argv: string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}
