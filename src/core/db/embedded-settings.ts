import os from 'node:os';

/**
 * The memory the embedded PostgreSQL may count on: the machine's, or a container's limit when lower
 * (os.totalmem() is the host's inside a container).
 */
export function availableMemory(): number {
  const limit = process.constrainedMemory?.();
  return limit && limit < os.totalmem() ? limit : os.totalmem();
}

/**
 * The embedded cluster's shared buffers, in MB: an eighth of the memory, between PostgreSQL's
 * default 128 MB and 1 GB. The one search ranks a word's newest matches from their rows, read from the
 * disk when they are not in the buffers (doctor.ts's memory finding): at 270,000 recommendations its
 * documents take 325 MB. PostgreSQL takes the memory as pages are read (unless it gets huge pages). The tests'
 * throw-away cluster keeps the default (`defaultBuffers`); the benchmarks' have this.
 */
export function embeddedSharedBuffersMb(memoryBytes = availableMemory()): number {
  return Math.round(Math.min(1024, Math.max(128, memoryBytes / 8 / 2 ** 20)));
}
