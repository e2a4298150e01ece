/** The lines of a CSV download, its header first: without the byte-order mark Kenes writes for spreadsheets, nor the last newline. */
export function csvLines(body: string): string[] {
  return body
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\n');
}
