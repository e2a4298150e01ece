import { MAX_RECORD_CHARS } from './limits.ts';
import { ImportProblem } from './problem.ts';

/** Splits a JSON document into the texts of its records' objects, in one pass over the characters. */
export class JsonArrayScanner {
  private phase: 'start' | 'wrapper' | 'array' | 'done' = 'start';
  // Inside the wrapper object: skipping a value, expecting a key, or after the wanted key's colon.
  private wrapperKey = '';
  private wrapperState: 'key' | 'colon' | 'value' | 'skip' = 'key';
  private depth = 0;
  private inString = false;
  private escaped = false;
  private capture: string[] | null = null;
  private captured = 0;
  private keyBuffer: string[] | null = null;
  private records = 0;

  /** Feeds text; returns the objects completed within it. */
  push(chunk: string): string[] {
    const out: string[] = [];
    let segmentStart = -1;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i] as string;
      if (this.capture) {
        if (segmentStart < 0) segmentStart = i;
        if (this.throughValue(c)) continue;
        if (c === '}' || c === ']') {
          this.depth--;
          if (this.depth === 0) {
            this.capture.push(chunk.slice(segmentStart, i + 1));
            out.push(this.capture.join(''));
            this.capture = null;
            this.captured = 0;
            segmentStart = -1;
            this.records++;
          }
        }
        continue;
      }
      this.step(c);
      if (this.capture) segmentStart = i;
    }
    if (this.capture && segmentStart >= 0) {
      const piece = chunk.slice(segmentStart);
      this.capture.push(piece);
      this.captured += piece.length;
      if (this.captured > MAX_RECORD_CHARS) {
        throw new ImportProblem('import.error.recordTooLong', { line: this.records + 1 });
      }
    }
    return out;
  }

  /** Checks the document ended where it may. */
  end(records: number): void {
    if (this.phase !== 'done' || this.capture) throw new ImportProblem('import.error.json', { line: records + 1 });
  }

  /**
   * Reading through a value: strings (with their escapes) and opening brackets, alike wherever it is
   * done; true when `c` is taken, false for a closing bracket or a separator, which the caller decides.
   */
  private throughValue(c: string): boolean {
    if (this.inString) {
      if (this.escaped) this.escaped = false;
      else if (c === '\\') this.escaped = true;
      else if (c === '"') this.inString = false;
      return true;
    }
    if (c === '"') this.inString = true;
    else if (c === '{' || c === '[') this.depth++;
    else return false;
    return true;
  }

  private fail(): never {
    throw new ImportProblem('import.error.jsonShape');
  }

  private step(c: string): void {
    const space = c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\ufeff';
    switch (this.phase) {
      case 'start':
        if (space) return;
        if (c === '[') this.phase = 'array';
        else if (c === '{') this.phase = 'wrapper';
        else this.fail();
        return;
      case 'array':
        if (space || c === ',') return;
        if (c === ']') {
          this.phase = 'done';
          return;
        }
        if (c === '{') {
          this.capture = [];
          this.depth = 1;
          this.inString = false;
          return;
        }
        this.fail();
        return;
      case 'wrapper':
        this.wrapperStep(c, space);
        return;
      case 'done':
        // Whatever follows the array (the wrapper's other keys, its closing brace) is not read.
        return;
    }
  }

  private wrapperStep(c: string, space: boolean): void {
    if (this.wrapperState === 'skip') {
      // Skipping another key's value until the comma (or the end) at the wrapper's own depth.
      if (this.throughValue(c)) return;
      if ((c === '}' || c === ']') && this.depth > 0) this.depth--;
      else if (c === ',' && this.depth === 0) this.wrapperState = 'key';
      else if (c === '}' && this.depth === 0) this.fail();
      return;
    }
    if (this.keyBuffer) {
      if (this.escaped) {
        this.keyBuffer.push(c);
        this.escaped = false;
      } else if (c === '\\') this.escaped = true;
      else if (c === '"') {
        this.wrapperKey = this.keyBuffer.join('');
        this.keyBuffer = null;
        this.wrapperState = 'colon';
      } else this.keyBuffer.push(c);
      return;
    }
    if (space) return;
    if (this.wrapperState === 'key') {
      if (c === '"') this.keyBuffer = [];
      else if (c === '}') this.fail();
      else this.fail();
      return;
    }
    if (this.wrapperState === 'colon') {
      if (c !== ':') this.fail();
      this.wrapperState = 'value';
      return;
    }
    // The value of a key.
    if (['data', 'recommendations'].includes(this.wrapperKey.toLowerCase()) && c === '[') {
      this.phase = 'array';
      return;
    }
    this.wrapperState = 'skip';
    this.depth = 0;
    this.wrapperStep(c, space);
  }
}
