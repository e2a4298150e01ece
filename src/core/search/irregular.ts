/**
 * Word forms Snowball does not bring to the stem of their dictionary form (decision 0018): each is
 * replaced by a form Snowball stems like its regular relatives before PostgreSQL sees it, in the
 * index and in queries alike. Data; measured by scripts/eval-search.ts.
 */

/** "form base|form base…" → a map. */
function pairs(list: string): ReadonlyMap<string, string> {
  return new Map(
    list
      .split(/[|\n]/)
      .map((pair) => pair.trim().split(' '))
      .filter((p): p is [string, string] => p.length === 2),
  );
}

/** English adjectives whose comparative and superlative Snowball leaves apart (bigger, largest, earlier). */
const COMPARED = `big hot wet fat sad thin
large late safe wide close rare wise brave fine
high low long old young small great short strong weak deep tall poor rich hard fast slow cheap new near few
clear broad dark fair full kind light loud quick sharp smart tight warm cold cool thick
early easy heavy busy happy wealthy healthy risky`;

function compared(): string {
  const out: string[] = [];
  for (const [line, rule] of COMPARED.split('\n').map((l, i) => [l, i] as const)) {
    for (const a of line.split(' ')) {
      const stem = rule === 0 ? a + a.at(-1) : rule === 1 ? a.slice(0, -1) : rule === 4 ? `${a.slice(0, -1)}i` : a;
      out.push(`${stem}er ${a}`, `${stem}est ${a}`);
    }
  }
  return out.join('|');
}

/** English: irregular plurals, comparatives, past tenses and participles. */
const ENGLISH =
  pairs(`children child|women woman|men man|feet foot|teeth tooth|mice mouse|geese goose|lives life|wives wife|
knives knife|halves half|leaves leaf|analyses analysis|crises crisis|bases basis|theses thesis|criteria criterion|
phenomena phenomenon|indices index|appendices appendix|better good|best good|worse bad|worst bad|
further far|furthest far|farther far|farthest far|less little|least little|more many|most many|elder old|eldest old|
was be|were be|been be|is be|are be|am be|had have|has have|did do|done do|does do|went go|gone go|
made make|said say|took take|taken take|gave give|given give|found find|thought think|told tell|became become|
left leave|felt feel|brought bring|began begin|begun begin|kept keep|held hold|wrote write|written write|
stood stand|heard hear|meant mean|met meet|ran run|paid pay|sat sit|spoke speak|spoken speak|led lead|
grew grow|grown grow|lost lose|fell fall|fallen fall|sent send|built build|understood understand|drew draw|
drawn draw|broke break|broken break|spent spend|rose rise|risen rise|drove drive|driven drive|bought buy|
wore wear|worn wear|chose choose|chosen choose|sought seek|threw throw|thrown throw|caught catch|dealt deal|
won win|forgot forget|forgotten forget|fought fight|taught teach|sold sell|saw see|seen see|knew know|
known know|got get|gotten get|came come|ate eat|eaten eat|bore bear|borne bear|forbade forbid|forbidden forbid|
hid hide|hidden hide|arose arise|arisen arise|struck strike|stricken strike|undertook undertake|
undertaken undertake|withdrew withdraw|withdrawn withdraw|overcame overcome|sought seek|fled flee|bound bind|
laid lay|lain lie|slept sleep|swore swear|sworn swear|woke wake|woken wake|shook shake|shaken shake|
spread spread|taught teach|beaten beat|bitten bite|froze freeze|frozen freeze|stole steal|stolen steal|
shown show|blown blow|flown fly|overtook overtake|overtaken overtake|foretold foretell|schoolchildren schoolchild|
grandchildren grandchild|people person|oxen ox|lice louse|dice die|
${compared()}`);

/**
 * Russian: suppletive plurals and the forms of a few common verbs whose stem changes (люди → человек,
 * дети → ребенок, могут → мочь, шли → идти); ё is already е.
 */
const RUSSIAN = pairs(`люди человек|людей человек|людям человек|людьми человек|людях человек|
дети ребенок|детей ребенок|детям ребенок|детьми ребенок|детях ребенок|
друзья друг|друзей друг|друзьям друг|друзьями друг|друзьях друг|
дочери дочь|дочерью дочь|дочерей дочь|дочерям дочь|матери мать|матерью мать|матерей мать|
могу мочь|может мочь|можем мочь|можете мочь|могут мочь|мог мочь|могла мочь|могло мочь|могли мочь|
смогу смочь|сможет смочь|сможем смочь|смогут смочь|смог смочь|смогла смочь|смогли смочь|
иду идти|идет идти|идем идти|идут идти|шел идти|шла идти|шло идти|шли идти|
хочу хотеть|хочет хотеть|хотим хотеть|хотят хотеть|
стал стать|стала стать|стало стать|стали стать|станет стать|станут стать|
лучше хороший|лучший хороший|хуже плохой|худший плохой|больше большой|меньше маленький`);

export const IRREGULAR: Readonly<Record<'ru' | 'en', ReadonlyMap<string, string>>> = { ru: RUSSIAN, en: ENGLISH };
