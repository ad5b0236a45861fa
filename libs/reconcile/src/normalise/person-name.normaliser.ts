import { foldForMatching } from './text-fold.normaliser';

/**
 * Nicknames and spelling variants, by the canonical given name they stand for (folded).
 * A name in no group is its own canonical form.
 */
const GIVEN_NAME_GROUPS: Readonly<Record<string, readonly string[]>> = {
  robert: ['bob', 'bobby', 'rob', 'robbie', 'bert'],
  william: ['bill', 'billy', 'will', 'willy', 'wilhelm'],
  richard: ['dick', 'rick', 'ricky', 'rich'],
  james: ['jim', 'jimmy', 'jamie'],
  john: ['jack', 'johnny', 'jon'],
  jonathan: ['jonny'],
  michael: ['mike', 'mikey', 'mick', 'mikael', 'micke', 'michel'],
  thomas: ['tom', 'tommy', 'tomas'],
  elizabeth: ['liz', 'lizzy', 'beth', 'betty', 'eliza', 'elisabeth', 'elisabet', 'lisbeth'],
  katherine: ['kate', 'kathy', 'katie', 'cathy', 'catherine', 'kathryn', 'katarina', 'kattis'],
  margaret: ['maggie', 'meg', 'peggy', 'margareta', 'maggan', 'greta'],
  jennifer: ['jen', 'jenny'],
  christopher: ['chris', 'kristoffer', 'christoffer'],
  christina: ['kristina', 'kicki', 'stina', 'kristin', 'christine'],
  daniel: ['dan', 'danny'],
  david: ['dave'],
  joseph: ['joe', 'joey'],
  charles: ['charlie', 'chuck'],
  edward: ['ed', 'eddie', 'ted'],
  anthony: ['tony', 'anton'],
  andrew: ['andy', 'drew'],
  alexander: ['alex', 'sasha', 'aleksander'],
  matthew: ['matt', 'mathias', 'matthias', 'mattias'],
  nicholas: ['nick', 'niklas', 'nicklas', 'nikolaj', 'niko'],
  stephen: ['steve', 'steven', 'stefan', 'steffen'],
  benjamin: ['ben'],
  samuel: ['sam'],
  susan: ['sue', 'susie', 'susanne', 'susanna'],
  patricia: ['pat', 'patty', 'trish'],
  rebecca: ['becky', 'rebekka'],
  deborah: ['deb', 'debbie'],
  victoria: ['vicky', 'viktoria'],
  karl: ['kalle', 'carl', 'karli'],
  lars: ['lasse'],
  nils: ['nisse'],
  per: ['pelle', 'peer'],
  hans: ['hasse', 'johann'],
  gustav: ['gurra', 'gustaf', 'gösta'],
  joakim: ['jocke', 'joachim'],
  magnus: ['manne'],
  fredrik: ['fredde', 'frederik', 'friedrich', 'fritz', 'frederick', 'fred'],
  heinrich: ['heinz', 'henrik', 'henry', 'hank'],
  johannes: ['jussi', 'juhani', 'hannes'],
  mehmet: ['muhammed', 'mohammed', 'muhammad', 'mohamed'],
  ayse: ['aishe'],
};

const CANONICAL_GIVEN_NAME: ReadonlyMap<string, string> = new Map(
  Object.entries(GIVEN_NAME_GROUPS).flatMap(([canonical, aliases]) => [
    [canonical, canonical],
    ...aliases.map((alias): [string, string] => [foldForMatching(alias), canonical]),
  ]),
);

/** "Bob" -> "robert", "Kalle" -> "karl", "Åsa" -> "asa": folded, nicknames resolved. */
export function canonicalGivenName(name: string): string {
  const folded = foldForMatching(name)
    .replace(/[^a-z]+/g, ' ')
    .trim();
  const first = folded.split(' ')[0] ?? '';
  return CANONICAL_GIVEN_NAME.get(first) ?? first;
}

/** Folded name part with punctuation and inner spaces removed ("O'Brien-Smith" -> "obriensmith"). */
export function nameKey(name: string): string {
  return foldForMatching(name).replace(/[^a-z0-9]+/g, '');
}

/**
 * Given and family name of a person for matching. A source that only has a full name is
 * split at its last space: the usual order in every country served ("Anna Maria Svensson").
 */
export function personNameParts(facts: {
  fullName?: string;
  givenName?: string;
  familyName?: string;
}): { given: string; family: string } {
  if (facts.givenName !== undefined || facts.familyName !== undefined) {
    return { given: facts.givenName ?? '', family: facts.familyName ?? '' };
  }
  const full = (facts.fullName ?? '').trim();
  const space = full.lastIndexOf(' ');
  return space < 0
    ? { given: '', family: full }
    : { given: full.slice(0, space), family: full.slice(space + 1) };
}
