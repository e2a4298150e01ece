import type { Db } from '../../core/db/database.ts';
import type { RatificationStatus } from '../../core/db/schema-obligations.ts';
import type { Translated } from '../../core/i18n/translated.ts';

/*
 * Kazakhstan's ratifications of the treaties in the catalogue, for the demo, as OHCHR's ratification
 * status for Kazakhstan records them (signature; ratification, or accession where Kazakhstan had not
 * signed). Kazakhstan has joined every core treaty except the migrant workers' convention. A date
 * nobody is sure of is left empty rather than guessed.
 */

interface DemoRatification {
  code: string;
  status: RatificationStatus;
  signedOn: string | null;
  ratifiedOn: string | null;
  note?: Translated;
}

export const KAZAKHSTAN_RATIFICATIONS: readonly DemoRatification[] = [
  { code: 'CAT', status: 'acceded', signedOn: null, ratifiedOn: '1998-08-26' },
  {
    code: 'SPT',
    status: 'ratified',
    signedOn: '2007-09-25',
    ratifiedOn: '2008-10-22',
    note: {
      kk: 'Азаптаудың алдын алу жөніндегі ұлттық тетік 2013 жылғы 2 шілдедегі заңмен құрылды.',
      ru: 'Национальный превентивный механизм создан законом от 2 июля 2013 года.',
      en: 'National preventive mechanism established by the law of 2 July 2013.',
    },
  },
  {
    code: 'CCPR',
    status: 'ratified',
    signedOn: '2003-12-02',
    ratifiedOn: '2006-01-24',
    note: {
      kk: 'Бірінші факультативтік хаттама (жеке шағымдар) 2009 жылы, өлім жазасын жою туралы екінші факультативтік хаттама 2022 жылы ратификацияланды.',
      ru: 'Первый факультативный протокол (индивидуальные жалобы) ратифицирован в 2009 году, второй факультативный протокол об отмене смертной казни — в 2022 году.',
      en: 'First Optional Protocol (individual complaints) ratified in 2009; Second Optional Protocol, on the abolition of the death penalty, in 2022.',
    },
  },
  { code: 'CESCR', status: 'ratified', signedOn: '2003-12-02', ratifiedOn: '2006-01-24' },
  { code: 'CEDAW', status: 'acceded', signedOn: null, ratifiedOn: '1998-08-26' },
  { code: 'CERD', status: 'acceded', signedOn: null, ratifiedOn: '1998-08-26' },
  { code: 'CRC', status: 'ratified', signedOn: '1994-02-16', ratifiedOn: '1994-08-12' },
  { code: 'CRPD', status: 'ratified', signedOn: '2008-12-11', ratifiedOn: '2015-04-21' },
  {
    code: 'CED',
    status: 'acceded',
    signedOn: null,
    ratifiedOn: '2009-02-27',
    note: {
      kk: 'Қазақстан Республикасының 2008 жылғы 15 желтоқсандағы № 104-IV Заңы.',
      ru: 'Закон Республики Казахстан от 15 декабря 2008 года № 104-IV.',
      en: 'Law of the Republic of Kazakhstan No. 104-IV of 15 December 2008.',
    },
  },
  { code: 'CMW', status: 'not_signed', signedOn: null, ratifiedOn: null },
];

/** Records Kazakhstan's ratifications on the catalogue's treaty bodies (the demo seed calls it once). */
export async function seedRatifications(db: Db): Promise<void> {
  for (const r of KAZAKHSTAN_RATIFICATIONS) {
    await db
      .updateTable('mechanisms')
      .set({
        ratification_status: r.status,
        signed_on: r.signedOn,
        ratified_on: r.ratifiedOn,
        ratification_note: JSON.stringify(r.note ?? {}),
      })
      .where('code', '=', r.code)
      .where('kind', '=', 'treaty_body')
      .execute();
  }
}
