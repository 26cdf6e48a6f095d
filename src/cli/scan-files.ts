/**
 * The files a scan reads: each FILE as given, and every candidate file under each PATH
 * (recursively, skipping dependency, VCS and Terraform working folders), named relative to it.
 */
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { CliIO } from './io';

/** Folders that never hold a reviewer's own configuration. */
export const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.terraform']);

/** File names a folder walk reads; a file named on the command line is read whatever its name. */
const CANDIDATE = /\.(json|tf|ya?ml|template)$/i;

export interface ScanFile {
  /** Where to read it. */
  path: string;
  /** How the report names it: as given, or relative to the scanned folder. */
  name: string;
  /** Named on the command line (an unrecognised one is an error; one found in a folder is passed over). */
  explicit: boolean;
  /** The scanned folder `name` is relative to (absent for a file named on the command line). */
  folder?: string;
}

export async function nodeListFiles(path: string): Promise<string[] | null> {
  let info;
  try {
    info = await stat(path);
  } catch {
    return null;
  }
  if (!info.isDirectory()) return null;
  const found: string[] = [];
  const walk = async (folder: string) => {
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch {
      // A folder that cannot be listed (permissions) holds nothing the scan can read.
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) await walk(full);
      } else if (entry.isFile()) {
        found.push(full);
      }
    }
  };
  await walk(path);
  return found;
}

function skipped(relativePath: string): boolean {
  return relativePath.split('/').slice(0, -1).some((segment) => SKIPPED_FOLDERS.has(segment));
}

export async function scanFiles(paths: string[], io: CliIO): Promise<ScanFile[]> {
  const files: ScanFile[] = [];
  for (const path of paths) {
    const under = io.listFiles ? await io.listFiles(path) : null;
    if (under === null) {
      files.push({ path, name: path, explicit: true });
      continue;
    }
    for (const file of under) {
      const name = relative(path, file).split(sep).join('/');
      if (skipped(name) || !CANDIDATE.test(name)) continue;
      files.push({ path: file, name, explicit: false, folder: path });
    }
  }
  return files;
}
