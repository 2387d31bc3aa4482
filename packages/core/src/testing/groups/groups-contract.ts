import { describe, expect } from 'vitest';
import { Group } from '../../model/group.js';
import type { ContractKit } from '../contract-kit.js';

export function groupsContract(kit: ContractKit): void {
  describe('.addToGroups / .removeFromGroups', () => {
    kit.test(
      'adds a user to groups and returns the user with them',
      { verbs: ['addToGroups', 'createUser'] },
      async (t) => {
        const user = await t.createUser();
        const groups = [t.groupName(), t.groupName()];
        const updated = await t.directory.addToGroups({ id: user.id }, groups);
        expect(updated.id).toBe(user.id);
        expect(updated.groups).toEqual(expect.arrayContaining(groups));
      },
    );

    kit.test(
      'keeps existing memberships when adding more',
      { verbs: ['addToGroups', 'createUser'] },
      async (t) => {
        const [first, second] = [t.groupName(), t.groupName()];
        const user = await t.createUser();
        await t.directory.addToGroups({ id: user.id }, [first]);
        const updated = await t.directory.addToGroups({ userName: user.userName }, [second]);
        expect([...updated.groups].sort()).toEqual([first, second].sort());
      },
    );

    kit.test(
      'adding a group the user is already in is idempotent',
      { verbs: ['addToGroups', 'createUser'] },
      async (t) => {
        const user = await t.createUser();
        const group = t.groupName();
        await t.directory.addToGroups({ id: user.id }, [group]);
        const again = await t.directory.addToGroups({ id: user.id }, [group]);
        expect(again.groups.filter((name) => name === group)).toHaveLength(1);
      },
    );

    kit.test(
      'removes a user from a group, keeping the others',
      { verbs: ['addToGroups', 'removeFromGroups', 'createUser'] },
      async (t) => {
        const user = await t.createUser();
        const [leave, stay] = [t.groupName(), t.groupName()];
        await t.directory.addToGroups({ id: user.id }, [leave, stay]);
        const updated = await t.directory.removeFromGroups({ id: user.id }, [leave]);
        expect(updated.groups).toContain(stay);
        expect(updated.groups).not.toContain(leave);
      },
    );

    kit.test(
      'removing a group the user is not in is idempotent',
      { verbs: ['addToGroups', 'removeFromGroups', 'createUser'] },
      async (t) => {
        const user = await t.createUser();
        const group = t.groupName();
        await t.directory.addToGroups({ id: user.id }, [group]);
        const updated = await t.directory.removeFromGroups({ id: user.id }, [t.groupName()]);
        expect(updated.groups).toEqual([group]);
        expect((await t.directory.removeFromGroups({ id: user.id }, [group])).groups).toEqual([]);
        expect((await t.directory.removeFromGroups({ id: user.id }, [group])).groups).toEqual([]);
      },
    );

    kit.test(
      'reflects membership changes in getUser',
      { verbs: ['addToGroups', 'removeFromGroups', 'createUser', 'getUser'] },
      async (t) => {
        const user = await t.createUser();
        const group = t.groupName();
        await t.directory.addToGroups({ id: user.id }, [group]);
        expect((await t.directory.getUser({ id: user.id })).groups).toContain(group);
        await t.directory.removeFromGroups({ id: user.id }, [group]);
        expect((await t.directory.getUser({ id: user.id })).groups).not.toContain(group);
      },
    );

    kit.test(
      "changes only the given user's memberships",
      { verbs: ['addToGroups', 'createUser', 'getUser'] },
      async (t) => {
        const [member, bystander] = await t.createUsers(2);
        const group = t.groupName();
        await t.directory.addToGroups({ id: member!.id }, [group]);
        expect((await t.directory.getUser({ id: bystander!.id })).groups).not.toContain(group);
      },
    );
  });

  describe('.listGroups', () => {
    kit.test(
      'lists the groups that have members, each a valid Group',
      { verbs: ['listGroups', 'addToGroups', 'createUser'] },
      async (t) => {
        const [first, second] = await t.createUsers(2);
        const group = t.groupName();
        await t.directory.addToGroups({ id: first!.id }, [group]);
        await t.directory.addToGroups({ id: second!.id }, [group]);
        const groups = await t.directory.listGroups();
        for (const entry of groups) expect(Group.safeParse(entry).success, `group ${entry.name}`).toBe(true);
        const listed = groups.filter((entry) => entry.name === group);
        expect(listed).toHaveLength(1);
        if (listed[0]!.memberCount !== undefined) expect(listed[0]!.memberCount).toBe(2);
      },
    );
  });
}
