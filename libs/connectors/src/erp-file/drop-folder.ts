import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';

export interface DroppedFile {
  name: string;
  path: string;
  size: number;
  checksum: string;
}

/** A case-insensitive regular expression for a file-name glob (`*`, `?`, `[...]`, `{a,b}`). */
export function globToRegExp(pattern: string): RegExp {
  let source = '';
  let inGroup = false;
  for (let i = 0; i < pattern.length; i += 1) {
    const char = pattern[i] ?? '';
    if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close === -1) source += '\\[';
      else {
        const body = pattern
          .slice(i + 1, close)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\');
        source += `[${body}]`;
        i = close;
      }
    } else if (char === '{') {
      inGroup = true;
      source += '(?:';
    } else if (char === '}' && inGroup) {
      inGroup = false;
      source += ')';
    } else if (char === ',' && inGroup) source += '|';
    else source += char.replace(/[.+^$()|\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'i');
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** The drop folder and its processed/ and failed/ siblings. */
export class DropFolder {
  private readonly pattern: RegExp;

  constructor(
    readonly dropPath: string,
    readonly processedPath: string,
    readonly failedPath: string,
    filePattern: string,
  ) {
    this.pattern = globToRegExp(filePattern);
  }

  /** Names of the files waiting in the drop folder that match the pattern, in name order. */
  async names(): Promise<string[]> {
    const entries = await readdir(this.dropPath, { withFileTypes: true });
    return entries
      .filter(
        (entry) => entry.isFile() && !entry.name.startsWith('.') && this.pattern.test(entry.name),
      )
      .map((entry) => entry.name)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** Size and checksum of a waiting file; undefined when it is gone. */
  async describe(name: string): Promise<DroppedFile | undefined> {
    const path = join(this.dropPath, name);
    try {
      const { size } = await stat(path);
      return { name, path, size, checksum: await sha256OfFile(path) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  /**
   * Whether the target folder already holds this file (a finished move): a file of its name,
   * or of the name a move gave it beside an earlier one, with its content. Without a checksum
   * (an unreadable file) the name alone decides. A daily export under one name is a new file
   * each day, not one moved already.
   */
  async isIn(folder: 'processed' | 'failed', name: string, checksum: string): Promise<boolean> {
    if (checksum === '') return exists(join(this.folderPath(folder), name));
    const size = await sizeOf(join(this.dropPath, name));
    for (const candidate of this.namesFor(this.folderPath(folder), name)) {
      const candidateSize = await sizeOf(candidate);
      if (candidateSize === undefined) return false;
      // Only a copy of the same size is worth reading through.
      if (candidateSize === size && (await sha256OfFile(candidate)) === checksum) return true;
    }
    return false;
  }

  /**
   * Moves a waiting file into processed/ or failed/ (with `<name>.reason.txt` beside it).
   * A name already taken there gets a numeric suffix: nothing is overwritten.
   */
  async move(name: string, folder: 'processed' | 'failed', reason?: string): Promise<string> {
    const targetFolder = this.folderPath(folder);
    await mkdir(targetFolder, { recursive: true });
    const target = await this.freeName(targetFolder, name);
    if (reason !== undefined) await writeFile(`${target}.reason.txt`, `${reason}\n`, 'utf8');
    const source = join(this.dropPath, name);
    try {
      await rename(source, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      await copyFile(source, target);
      await unlink(source);
    }
    return target;
  }

  private folderPath(folder: 'processed' | 'failed'): string {
    return folder === 'processed' ? this.processedPath : this.failedPath;
  }

  private async freeName(folder: string, name: string): Promise<string> {
    for (const candidate of this.namesFor(folder, name)) {
      if (!(await exists(candidate))) return candidate;
    }
    throw new Error('unreachable: names are endless');
  }

  /** `name`, then `stem.2.ext`, `stem.3.ext`...: where moves put files of one name. */
  private *namesFor(folder: string, name: string): Generator<string> {
    const extension = extname(name);
    const stem = name.slice(0, name.length - extension.length);
    yield join(folder, name);
    for (let n = 2; ; n += 1) yield join(folder, `${stem}.${n}${extension}`);
  }
}

/** Bytes in a file; undefined when there is none. */
async function sizeOf(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
