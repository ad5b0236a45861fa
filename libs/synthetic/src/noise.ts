/** Ways people and systems mistype customer data. `random` returns [0, 1). */

const TRANSLITERATIONS: readonly [RegExp, string][] = [
  [/ö/g, 'oe'],
  [/Ö/g, 'Oe'],
  [/ü/g, 'ue'],
  [/Ü/g, 'Ue'],
  [/ä/g, 'ae'],
  [/Ä/g, 'Ae'],
  [/å/g, 'aa'],
  [/Å/g, 'Aa'],
  [/ø/g, 'oe'],
  [/Ø/g, 'Oe'],
  [/æ/g, 'ae'],
  [/ß/g, 'ss'],
  [/ş/g, 's'],
  [/Ş/g, 'S'],
  [/ğ/g, 'g'],
  [/ı/g, 'i'],
  [/İ/g, 'I'],
  [/ç/g, 'c'],
  [/Ç/g, 'C'],
];

/** Spelled without the letters a keyboard lacks: "Öztürk" -> "Oeztuerk", "Şahin" -> "Sahin". */
export function transliterate(text: string): string {
  return TRANSLITERATIONS.reduce(
    (value, [letter, replacement]) => value.replace(letter, replacement),
    text,
  );
}

/** One slip: two letters exchanged, one dropped, one doubled or one replaced. */
export function typo(text: string, random: () => number): string {
  if (text.length < 3) return text;
  const at = 1 + Math.floor(random() * (text.length - 2));
  const kind = Math.floor(random() * 4);
  const letter = 'aeinorstl'[Math.floor(random() * 9)] ?? 'e';
  switch (kind) {
    case 0:
      return text.slice(0, at) + (text[at + 1] ?? '') + (text[at] ?? '') + text.slice(at + 2);
    case 1:
      return text.slice(0, at) + text.slice(at + 1);
    case 2:
      return text.slice(0, at) + (text[at] ?? '') + text.slice(at);
    default:
      return text.slice(0, at) + letter + text.slice(at + 1);
  }
}

/** One digit of a digit string changed. */
export function digitTypo(text: string, random: () => number): string {
  const positions = [...text].flatMap((char, index) => (/\d/.test(char) ? [index] : []));
  const at = positions[Math.floor(random() * positions.length)];
  if (at === undefined) return text;
  const digit = String((Number(text[at]) + 1 + Math.floor(random() * 8)) % 10);
  return text.slice(0, at) + digit + text.slice(at + 1);
}

const STREET_ABBREVIATIONS: readonly [RegExp, string][] = [
  [/gatan\b/, 'g.'],
  [/vägen\b/, 'v.'],
  [/veien\b/, 'v.'],
  [/vej\b/, 'v.'],
  [/gade\b/, 'g.'],
  [/katu\b/, 'k.'],
  [/straße\b/, 'str.'],
  [/Straße\b/, 'Str.'],
  [/\bStreet\b/, 'St.'],
  [/\bRoad\b/, 'Rd.'],
  [/\bAvenue\b/, 'Ave'],
  [/\bCaddesi\b/, 'Cad.'],
  [/\bSokak\b/, 'Sk.'],
];

/** "Storgatan 5" -> "Storg. 5", "12 Main Street" -> "12 Main St.". */
export function abbreviateStreet(line: string): string {
  for (const [word, abbreviation] of STREET_ABBREVIATIONS) {
    if (word.test(line)) return line.replace(word, abbreviation);
  }
  return line;
}

/** Nicknames a source may hold instead of the given name. */
export const NICKNAMES: Readonly<Record<string, readonly string[]>> = {
  Robert: ['Bob', 'Bobby', 'Rob'],
  William: ['Bill', 'Will'],
  Richard: ['Rick', 'Dick'],
  James: ['Jim', 'Jimmy'],
  Michael: ['Mike'],
  Thomas: ['Tom'],
  Elizabeth: ['Liz', 'Beth'],
  Katherine: ['Kate', 'Kathy'],
  Margaret: ['Maggie', 'Peggy'],
  Christopher: ['Chris'],
  Daniel: ['Dan'],
  David: ['Dave'],
  Joseph: ['Joe'],
  Charles: ['Charlie'],
  Edward: ['Ed', 'Ted'],
  Anthony: ['Tony'],
  Andrew: ['Andy'],
  Alexander: ['Alex'],
  Matthew: ['Matt'],
  Nicholas: ['Nick'],
  Karl: ['Kalle'],
  Carl: ['Kalle'],
  Lars: ['Lasse'],
  Nils: ['Nisse'],
  Per: ['Pelle'],
  Hans: ['Hasse'],
  Gustav: ['Gurra'],
  Joakim: ['Jocke'],
  Magnus: ['Manne'],
  Fredrik: ['Fredde'],
  Mikael: ['Micke'],
  Heinrich: ['Heinz'],
  Friedrich: ['Fritz'],
  Johann: ['Hans'],
  Johannes: ['Hannes'],
  Katarina: ['Kattis'],
  Margareta: ['Maggan'],
  Kristina: ['Stina'],
};
