/**
 * Shared folders for `getsfdata`/`getdetailedsfdata` (§4.9, §4.10). Permission flags are booleans
 * here; `flagType` decides how each entry is spelled on the wire, because real answers mix ints,
 * numeric strings and booleans and clients must accept all three (§7.9).
 */
export type PermissionFlagType = 'int' | 'string' | 'bool';

export interface SharedFolderMember {
  readonly username: string;
  readonly readonly: boolean;
  /** true = the member may see passwords (lastpass-cli sends give = !hide_passwords). */
  readonly give: boolean;
  readonly canAdminister: boolean;
  readonly superadmin: boolean;
  readonly sites: readonly string[];
  readonly flagType: PermissionFlagType;
}

export interface SimulatorSharedFolder {
  readonly id: string;
  readonly name: string;
  readonly deleted: boolean;
  readonly score: number;
  readonly members: readonly SharedFolderMember[];
}

export type SharedFolderInput = Omit<SimulatorSharedFolder, 'id'>;

export class SharedFolderStore {
  private readonly folders: SimulatorSharedFolder[] = [];
  private nextId = 5_551_001;

  get all(): readonly SimulatorSharedFolder[] {
    return this.folders;
  }

  add(input: SharedFolderInput): SimulatorSharedFolder {
    const folder = { ...input, id: String(this.nextId++) };
    this.folders.push(folder);
    return folder;
  }

  /** Keeps folders consistent when a user leaves or is renamed. */
  renameMember(from: string, to: string | null): void {
    const key = from.toLowerCase();
    for (let i = 0; i < this.folders.length; i++) {
      const folder = this.folders[i]!;
      if (!folder.members.some((member) => member.username.toLowerCase() === key)) continue;
      const members = folder.members.flatMap((member) =>
        member.username.toLowerCase() !== key ? [member] : to === null ? [] : [{ ...member, username: to }],
      );
      this.folders[i] = { ...folder, members };
    }
  }
}
