import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PUBLIC_DIR = fileURLToPath(new URL('../../../public/', import.meta.url));

const versions = new Map<string, string>();

/** URL of a file in public/, with a content hash so that browsers may cache it for a year. */
export function assetUrl(file: string): string {
  let v = versions.get(file);
  if (!v) {
    v = createHash('sha256')
      .update(fs.readFileSync(path.join(PUBLIC_DIR, file)))
      .digest('hex')
      .slice(0, 10);
    versions.set(file, v);
  }
  return `/assets/${file}?v=${v}`;
}
