import fs from 'node:fs';
import path from 'node:path';

// A copy of the Big List of Naughty Strings (MIT, see test/fixtures/blns/LICENSE), kept in the
// project so that tests do not depend on anything outside the clone.
const BLNS = path.resolve(import.meta.dirname, '../../test/fixtures/blns/blns.json');

/** The Big List of Naughty Strings (515 strings). */
export function naughtyStrings(): string[] {
  const strings = JSON.parse(fs.readFileSync(BLNS, 'utf8')) as string[];
  if (strings.length < 500) throw new Error(`${BLNS} holds only ${strings.length} strings`);
  return strings;
}
