import { describe, expect, it } from 'vitest';
import { ExpiredMasterPasswordListResponse } from './expired-master-pw-list.js';
import { GetSharedFolderDataResponse } from './get-sf-data.js';
import { ReportingRequest, ReportingResponse } from './reporting.js';
import { DisableUsersResponse, EnableUsersResponse } from './toggle-users.js';

describe('GetSharedFolderDataResponse', () => {
  it('normalizes permission flags sent as ints, numeric strings or booleans', () => {
    const folders = GetSharedFolderDataResponse.parse({
      '5551001': {
        sharedfoldername: 'Shared-Ops',
        score: 87,
        users: [
          { username: 'a@example.com', readonly: '0', give: 1, can_administer: true, superadmin: false },
          { username: 'b@example.com', readonly: 1, give: '0', can_administer: 'false' },
        ],
      },
    });
    expect(folders).toEqual([
      expect.objectContaining({
        id: '5551001',
        deleted: false,
        users: [
          expect.objectContaining({ readonly: false, give: true, can_administer: true, superadmin: false }),
          expect.objectContaining({ readonly: true, give: false, can_administer: false, superadmin: false }),
        ],
      }),
    ]);
  });

  it('skips status and error keys, which are not folders', () => {
    expect(GetSharedFolderDataResponse.parse({ status: 'OK' })).toEqual([]);
  });
});

describe('ReportingResponse', () => {
  it('lists events newest first, Event2 before Event10', () => {
    const data = { Event10: { Action: 'Log in' }, Event2: { Action: 'Failed login attempt' } };
    const report = ReportingResponse.parse({ status: 'OK', next: null, data });
    expect(report.events.map((event) => event.id)).toEqual(['Event2', 'Event10']);
    expect(report.next).toBeNull();
  });

  it('keeps a numeric next cursor as sent', () => {
    expect(ReportingResponse.parse({ status: 'OK', next: 1722932177123456, data: [] }).next).toBe(
      1722932177123456,
    );
  });
});

describe('ReportingRequest', () => {
  it('sends admin as "1" and refuses ISO times', () => {
    const ok = ReportingRequest.parse({
      from: '2024-01-01 00:00:00',
      to: '2024-01-02 00:00:00',
      admin: true,
    });
    expect(ok).toMatchObject({ admin: '1' });
    expect(
      ReportingRequest.safeParse({ from: '2024-01-01T00:00:00Z', to: '2024-01-02 00:00:00' }).success,
    ).toBe(false);
  });
});

describe('DisableUsersResponse / EnableUsersResponse', () => {
  it('normalizes changed and unchanged lists, absent ones as empty', () => {
    expect(DisableUsersResponse.parse({ status: 'success', disabled_users: ['a@example.com'] })).toEqual({
      status: 'success',
      changed: ['a@example.com'],
      unchanged: [],
    });
    expect(
      EnableUsersResponse.parse({ status: 'success', unchanged_users: ['b@example.com'] }),
    ).toMatchObject({
      changed: [],
      unchanged: ['b@example.com'],
    });
  });
});

describe('ExpiredMasterPasswordListResponse', () => {
  it('reads the continuation token and items', () => {
    const body = {
      status: 'Success',
      continuation: { token: 1235, remaining_item_count: '117' },
      items: [{ user_id: 1234, user_name: 'a@example.com', last_pw_change: '2022-01-13 03:30:13' }],
    };
    expect(ExpiredMasterPasswordListResponse.parse(body)).toMatchObject({
      continuationToken: '1235',
      remaining: 117,
      items: [{ user_name: 'a@example.com' }],
    });
  });
});
