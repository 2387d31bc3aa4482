import type { UserDirectory } from '@provisionkit/core';

/** Lists a directory two users per page, to show the lazy paging every provider offers. */
export async function printUsers(tenant: string, directory: UserDirectory): Promise<void> {
  console.log(`\n${tenant}:`);
  for await (const user of directory.listUsers({ pageSize: 2 })) {
    const groups = user.groups.length > 0 ? ` [${user.groups.join(', ')}]` : '';
    console.log(
      `  ${user.id.padEnd(8)} ${user.userName.padEnd(28)} ${user.status.padEnd(9)} ${user.displayName ?? ''}${groups}`,
    );
  }
}
