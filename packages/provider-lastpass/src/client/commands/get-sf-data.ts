import { z } from 'zod';
import { defineCommand } from './command-spec.js';
import { NullableNumber, OptionalFlag } from './wire-values.js';

/** The official sample sends `"all"` (which also lists super admins). */
export const GetSharedFolderDataRequest = z.literal('all').default('all');

// Loose: permission flags arrive as ints, numeric strings or booleans depending on the account.
const FolderUser = z.looseObject({
  username: z.string(),
  readonly: OptionalFlag,
  give: OptionalFlag,
  can_administer: OptionalFlag,
  superadmin: OptionalFlag,
});

const Folder = z.looseObject({
  sharedfoldername: z.string().nullish(),
  score: NullableNumber,
  deleted: OptionalFlag,
  // [U] One script reports `users` as an object on some API versions: accept both.
  users: z
    .union([z.array(FolderUser), z.record(z.string(), FolderUser)])
    .nullish()
    .transform((users) => (users === undefined || users === null ? [] : Object.values(users))),
});

const NOT_FOLDERS = new Set(['status', 'error', 'errors']);

/** Object keyed by shared-folder id → array of `{ id, ...folder }`. Status/error keys are not folders. */
export const GetSharedFolderDataResponse = z
  .record(z.string(), z.unknown())
  .transform((body) => Object.entries(body).filter(([key]) => !NOT_FOLDERS.has(key)))
  .pipe(z.array(z.tuple([z.string(), Folder])))
  .transform((entries) => entries.map(([id, folder]) => ({ id, ...folder })));
export type GetSharedFolderDataResponse = z.output<typeof GetSharedFolderDataResponse>;

export const GET_SHARED_FOLDER_DATA = defineCommand({
  cmd: 'getsfdata',
  idempotent: true,
  request: GetSharedFolderDataRequest,
  response: GetSharedFolderDataResponse,
});
