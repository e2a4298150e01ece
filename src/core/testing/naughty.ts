import fs from 'node:fs';
import path from 'node:path';

const BLNS = path.resolve(import.meta.dirname, '../../../../shared/data/blns/blns.json');

/** The Big List of Naughty Strings (515 strings), from shared/data beside the project. */
export function naughtyStrings(): string[] {
  if (!fs.existsSync(BLNS)) throw new Error(`${BLNS} is missing: the tests expect shared/ beside the project`);
  return JSON.parse(fs.readFileSync(BLNS, 'utf8')) as string[];
}
