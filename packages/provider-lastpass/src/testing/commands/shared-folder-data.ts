import { z } from 'zod';
import { EVENT_ACTIONS, INITIATED_BY_API } from '../events.js';
import { IntLike } from '../wire-fields.js';
import { folderToWire, phpMap } from '../wire-format.js';
import { type CommandContext, type CommandDefinition, fail, recordEvent } from './command-types.js';

// §4.10: Elastic pages with {"data":"all","pagesize":N,"pageindex":i}; others send "all" or nothing.
const Paging = z.looseObject({ pagesize: IntLike.optional(), pageindex: IntLike.optional() });
const Input = z
  .union([Paging, z.string(), z.null(), z.undefined()])
  .transform((data) => (typeof data === 'object' && data !== null ? data : {}));

function folderCommand(name: string, detailed: boolean): CommandDefinition {
  const run = (context: CommandContext): unknown => {
    const parsed = Input.safeParse(context.data);
    if (!parsed.success) return fail('Invalid data');
    recordEvent(context, EVENT_ACTIONS.getSharedFolderData, INITIATED_BY_API);
    let folders = context.state.sharedFolders.all;
    const { pagesize, pageindex = 0 } = parsed.data;
    if (detailed && pagesize !== undefined && pagesize > 0) {
      folders = folders.slice(pageindex * pagesize, (pageindex + 1) * pagesize);
    }
    // §4.9: keyed by folder id, no wrapper and no status.
    const body: Record<string, unknown> = {};
    for (const folder of folders) body[folder.id] = folderToWire(folder, detailed);
    return phpMap(body, folders.length, context.quirks);
  };
  return {
    name,
    kind: 'read',
    run,
    requestedItems(context) {
      const parsed = Input.safeParse(context.data);
      const total = context.state.sharedFolders.all.length;
      const pagesize = parsed.success ? parsed.data.pagesize : undefined;
      return detailed && pagesize !== undefined && pagesize > 0 ? Math.min(pagesize, total) : total;
    },
  };
}

export const getSharedFolderData = folderCommand('getsfdata', false);
export const getDetailedSharedFolderData = folderCommand('getdetailedsfdata', true);
