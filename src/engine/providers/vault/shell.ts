/**
 * Just enough of POSIX shell to read the `vault write …` commands people paste from docs:
 * quotes, backslash escapes, line continuations, comments, command separators and heredocs
 * (`<<EOF`, `<<-EOF`, `<<'EOF'`). Nothing is expanded: `$VAR` stays as written.
 */

export interface ShellWord {
  text: string;
  /** Offsets in the source text: [start, end). */
  start: number;
  end: number;
  /** Source offset of the first `=` in the word, if any (for `key=value` ranges). */
  equalsAt: number | null;
}

export interface Heredoc {
  body: string;
  /** Source offset where the body starts. */
  bodyStart: number;
  terminated: boolean;
}

export interface ShellCommand {
  words: ShellWord[];
  heredoc: Heredoc | null;
  start: number;
  end: number;
}

interface PendingHeredoc {
  delimiter: string;
  stripTabs: boolean;
  command: ShellCommand;
}

export function splitCommands(text: string): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let command: ShellCommand = { words: [], heredoc: null, start: 0, end: 0 };
  let word: ShellWord | null = null;
  let pending: PendingHeredoc[] = [];
  let i = 0;

  const startWord = (at: number) => {
    if (!word) word = { text: '', start: at, end: at, equalsAt: null };
    return word;
  };
  const append = (char: string, at: number) => {
    const current = startWord(at);
    if (char === '=' && current.equalsAt === null) current.equalsAt = at;
    current.text += char;
    current.end = at + 1;
  };
  const endWord = () => {
    if (word) command.words.push(word);
    word = null;
  };
  const endCommand = (at: number) => {
    endWord();
    command.end = at;
    if (command.words.length > 0 || command.heredoc) commands.push(command);
    command = { words: [], heredoc: null, start: at, end: at };
  };
  const readHeredocBodies = () => {
    for (const heredoc of pending) {
      const bodyStart = i;
      const lines: string[] = [];
      let terminated = false;
      while (i < text.length) {
        const newline = text.indexOf('\n', i);
        const lineEnd = newline === -1 ? text.length : newline;
        const rawLine = text.slice(i, lineEnd).replace(/\r$/, '');
        const line = heredoc.stripTabs ? rawLine.replace(/^\t+/, '') : rawLine;
        i = newline === -1 ? text.length : newline + 1;
        if (line === heredoc.delimiter || line.trim() === heredoc.delimiter) {
          terminated = true;
          break;
        }
        lines.push(line);
      }
      heredoc.command.heredoc = { body: lines.join('\n'), bodyStart, terminated };
    }
    pending = [];
  };

  while (i < text.length) {
    const char = text[i];
    if (char === '\n') {
      const lineCommand = command;
      endCommand(i);
      i++;
      if (pending.length > 0) {
        readHeredocBodies();
        lineCommand.end = i;
      }
      command.start = i;
      continue;
    }
    if (char === ' ' || char === '\t' || char === '\r') {
      endWord();
      i++;
      continue;
    }
    if (char === '\\') {
      const next = text[i + 1];
      if (next === '\n') {
        i += 2;
        continue;
      }
      if (next === '\r' && text[i + 2] === '\n') {
        i += 3;
        continue;
      }
      if (next !== undefined) append(next, i + 1);
      i += 2;
      continue;
    }
    if (char === "'") {
      startWord(i);
      const close = text.indexOf("'", i + 1);
      const end = close === -1 ? text.length : close;
      for (let j = i + 1; j < end; j++) append(text[j], j);
      word!.end = Math.min(text.length, end + 1);
      i = end + 1;
      continue;
    }
    if (char === '"') {
      startWord(i);
      let j = i + 1;
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '\\' && j + 1 < text.length && '"\\$`\n'.includes(text[j + 1])) {
          if (text[j + 1] !== '\n') append(text[j + 1], j + 1);
          j += 2;
          continue;
        }
        append(text[j], j);
        j++;
      }
      word!.end = Math.min(text.length, j + 1);
      i = j + 1;
      continue;
    }
    if (char === '#' && !word) {
      const newline = text.indexOf('\n', i);
      i = newline === -1 ? text.length : newline;
      continue;
    }
    if (char === ';' || (char === '&' && text[i + 1] === '&') || char === '|') {
      endCommand(i);
      i += char === ';' ? 1 : text[i + 1] === char ? 2 : 1;
      command.start = i;
      continue;
    }
    if (char === '<' && text[i + 1] === '<' && text[i + 2] !== '<') {
      endWord();
      i += 2;
      let stripTabs = false;
      if (text[i] === '-') {
        stripTabs = true;
        i++;
      }
      while (text[i] === ' ' || text[i] === '\t') i++;
      let delimiter = '';
      while (i < text.length && !/[\s;&|<>]/.test(text[i])) {
        if (text[i] !== "'" && text[i] !== '"' && text[i] !== '\\') delimiter += text[i];
        i++;
      }
      if (delimiter !== '') pending.push({ delimiter, stripTabs, command });
      continue;
    }
    append(char, i);
    i++;
  }
  endCommand(text.length);
  if (pending.length > 0) readHeredocBodies();
  return commands;
}
