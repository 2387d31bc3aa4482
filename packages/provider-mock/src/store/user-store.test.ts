import { describe, expect, it } from 'vitest';
import { newRecord } from './user-record.js';
import { UserStore } from './user-store.js';

function storeWith(seqs: readonly number[]): UserStore {
  const store = new UserStore();
  for (const seq of seqs) {
    store.add(
      newRecord({ userName: `user${seq}` }, { seq, status: 'active', createdAt: '2024-01-01T00:00:00Z' }),
    );
  }
  return store;
}

describe(UserStore, () => {
  describe('.allocateSeq', () => {
    it('never hands out a number twice, even after deletions', () => {
      const store = new UserStore();
      const first = store.allocateSeq();
      store.add(
        newRecord({ userName: 'a' }, { seq: first, status: 'active', createdAt: '2024-01-01T00:00:00Z' }),
      );
      store.delete(store.find({ userName: 'a' })!);
      expect(store.allocateSeq()).toBe(first + 1);
    });
  });

  describe('.page', () => {
    it('orders by sequence number, so ids stay ordered past u-999999', () => {
      const store = storeWith([999_999, 1_000_000]);
      const page = store.page(0, 10, () => true);
      expect(page.records.map((record) => record.id)).toEqual(['u-999999', 'u-1000000']);
    });

    it('continues after the last scanned record and reports the end', () => {
      const store = storeWith([1, 2, 3, 4, 5]);
      const first = store.page(0, 2, (record) => record.seq !== 2);
      expect(first.records.map((record) => record.seq)).toEqual([1, 3]);
      expect(first).toMatchObject({ lastSeq: 3, done: false });
      const second = store.page(first.lastSeq, 2, (record) => record.seq !== 2);
      expect(second.records.map((record) => record.seq)).toEqual([4, 5]);
      expect(second.done).toBe(true);
    });
  });

  describe('.groups', () => {
    it('keeps groups after their last member leaves, with a zero member count', () => {
      const store = storeWith([1]);
      const record = store.find({ id: 'u-000001' })!;
      record.groups = ['eng'];
      store.addGroups(['eng']);
      expect(store.groups()).toEqual([{ id: 'eng', name: 'eng', memberCount: 1 }]);
      store.delete(record);
      expect(store.groups()).toEqual([{ id: 'eng', name: 'eng', memberCount: 0 }]);
    });
  });
});
