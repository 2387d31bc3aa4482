import { describe, expect, it } from 'vitest';
import { splitBatch } from './split-batch.js';

describe('splitBatch', () => {
  it('cuts consecutive chunks of at most the given size, in order', () => {
    expect(splitBatch([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('returns one chunk when the batch fits and none for an empty batch', () => {
    expect(splitBatch([1, 2], 5)).toEqual([[1, 2]]);
    expect(splitBatch([], 5)).toEqual([]);
  });
});
