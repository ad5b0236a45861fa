// talisman ships no type declarations: the two functions matching uses, typed here.
declare module 'talisman/metrics/jaro-winkler' {
  /** Jaro-Winkler similarity in [0, 1]. */
  function jaroWinkler(a: string, b: string): number;
  export default jaroWinkler;
}

declare module 'talisman/phonetics/double-metaphone' {
  /** Primary and secondary double metaphone codes. */
  function doubleMetaphone(word: string): [string, string];
  export default doubleMetaphone;
}
