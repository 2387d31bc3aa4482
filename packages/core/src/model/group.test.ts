import { describe, expect, it } from 'vitest';
import { Group } from './group.js';

describe('Group', () => {
  it('accepts a name-only group whose id is its name', () => {
    expect(Group.parse({ id: 'Engineering', name: 'Engineering' })).toEqual({
      id: 'Engineering',
      name: 'Engineering',
    });
  });

  it('rejects a negative member count and an empty name', () => {
    expect(Group.safeParse({ id: 'g', name: 'g', memberCount: -1 }).success).toBe(false);
    expect(Group.safeParse({ id: 'g', name: '' }).success).toBe(false);
  });
});
