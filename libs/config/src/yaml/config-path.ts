/** A key path inside a YAML document: map keys and sequence indexes. */
export type ConfigPath = readonly (string | number)[];

/** `connectors[1].options.delimiter` */
export function formatConfigPath(path: ConfigPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? segment : `.${segment}`;
  }
  return text;
}
