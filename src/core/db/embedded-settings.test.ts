import assert from 'node:assert/strict';
import os from 'node:os';
import { test } from 'node:test';
import { availableMemory, embeddedSharedBuffersMb } from './embedded-settings.ts';

test('the embedded shared buffers: an eighth of the memory, between 128 MB and 1 GB', () => {
  const GB = 1024 ** 3;
  assert.equal(embeddedSharedBuffersMb(24 * GB), 1024);
  assert.equal(embeddedSharedBuffersMb(4 * GB), 512);
  assert.equal(embeddedSharedBuffersMb(2 * GB), 256);
  assert.equal(embeddedSharedBuffersMb(GB / 2), 128);
  // A container's limit, when it has one, and never more than the machine's memory.
  assert.ok(availableMemory() > 0 && availableMemory() <= os.totalmem());
});
