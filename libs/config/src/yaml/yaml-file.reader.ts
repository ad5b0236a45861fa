import { readFile } from 'node:fs/promises';
import {
  type Document,
  isAlias,
  isMap,
  isNode,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
} from 'yaml';
import { ConfigError, ConfigErrorCode, type ConfigIssue } from '../config-error';
import { formatConfigPath, type ConfigPath } from './config-path';

/** A parsed YAML file that can say where any key path sits in it. */
export class YamlFile {
  constructor(
    /** The path as shown in messages. */
    readonly file: string,
    /** Plain JS value of the document (null for an empty file). */
    readonly value: unknown,
    private readonly document: Document.Parsed,
    private readonly lines: LineCounter,
  ) {}

  /** Line and column of the deepest existing key (or item) along `path`. */
  locate(path: ConfigPath): { line: number; column: number } {
    let node: unknown = this.document.contents;
    let offset = isNode(node) ? (node.range?.[0] ?? 0) : 0;
    for (const segment of path) {
      if (isAlias(node)) node = node.resolve(this.document);
      if (isMap(node)) {
        const pair = node.items.find((item) =>
          isScalar(item.key) ? String(item.key.value) === String(segment) : item.key === segment,
        );
        if (!pair) break;
        offset = isNode(pair.key) ? (pair.key.range?.[0] ?? offset) : offset;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        const item: unknown = node.items[segment];
        if (!isNode(item)) break;
        offset = item.range?.[0] ?? offset;
        node = item;
      } else {
        break;
      }
    }
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }

  /** An issue at `path`, located in this file. */
  issue(code: ConfigErrorCode, path: ConfigPath, message: string): ConfigIssue {
    return { code, file: this.file, ...this.locate(path), path: formatConfigPath(path), message };
  }
}

/**
 * Reads and parses one YAML file. A missing file or a syntax error throws a ConfigError
 * at once: nothing further can be checked in a file that does not parse.
 */
export async function readYamlFile(absolutePath: string, shownAs: string): Promise<YamlFile> {
  let text: string;
  try {
    text = await readFile(absolutePath, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigError([
      {
        code: ConfigErrorCode.NotFound,
        file: shownAs,
        line: 1,
        column: 1,
        path: '',
        message: `cannot read the file (${reason})`,
      },
    ]);
  }
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (document.errors.length > 0) {
    throw new ConfigError(
      document.errors.map((error) => {
        const { line, col } = lines.linePos(error.pos[0]);
        return {
          code: ConfigErrorCode.Syntax,
          file: shownAs,
          line,
          column: col,
          path: '',
          message: `YAML syntax: ${error.message}`,
        };
      }),
    );
  }
  return new YamlFile(shownAs, document.toJS({ maxAliasCount: 1000 }) as unknown, document, lines);
}
