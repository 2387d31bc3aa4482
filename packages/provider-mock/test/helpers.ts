import { User } from '@provisionkit/core';
import { createMockDirectory, type MockDirectoryOptions, type MockUserDirectory } from '../src/index.js';

export const FIXED_NOW = new Date('2024-05-11T15:02:26.000Z');

/** A directory with a fixed clock, so timestamps can be asserted exactly. */
export function directory(options: MockDirectoryOptions = {}): MockUserDirectory {
  return createMockDirectory({ now: () => FIXED_NOW, ...options });
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** Seeds `count` users named `user1@example.com`, ... */
export function seedUsers(count: number): { userName: string }[] {
  return Array.from({ length: count }, (_, index) => ({ userName: `user${index + 1}@example.com` }));
}

/** Asserts that every returned user is a valid `User` (what the contract kit checks too). */
export function expectValidUser(user: unknown): User {
  return User.parse(user);
}
