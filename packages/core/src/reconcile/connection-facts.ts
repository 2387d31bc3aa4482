import type { Connection } from '../composition/provision-kit.js';
import type { ConnectionKey } from '../state/connection-key.js';
import type { SyncSettings } from '../sync/sync-options.js';

/** What the kit knows about a connection it opened: its stable key, secrets and sync settings. */
export interface ConnectionFacts {
  readonly key: ConnectionKey;
  readonly secrets: readonly string[];
  readonly settings: SyncSettings | undefined;
}

/** Looks a connection up in its kit; `invalid_input` for a connection another kit opened. */
export type ConnectionResolver = (connection: Connection, path: string) => ConnectionFacts;
