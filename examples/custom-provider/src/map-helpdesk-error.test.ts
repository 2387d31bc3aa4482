import { createHttpClient } from '@provisionkit/core/http';
import { describe, expect, it } from 'vitest';
import { mapHelpdeskError } from './map-helpdesk-error.js';
import { HelpdeskServer } from './testing/index.js';

describe('mapHelpdeskError', () => {
  const apiToken = 'hd_0123456789abcdef';

  async function answerTo(path: string) {
    const server = await HelpdeskServer.start({ apiToken });
    const http = createHttpClient({
      provider: 'helpdesk',
      baseUrl: server.baseUrl,
      bearerToken: apiToken,
      mapError: mapHelpdeskError,
    });
    try {
      return await http.request({ method: 'GET', path }).catch((error: unknown) => error);
    } finally {
      await server.stop();
    }
  }

  it('makes an id that is not a number (400 invalid_id) not_found, like an unknown one (404)', async () => {
    expect(await answerTo('/agents/pk-missing-1')).toMatchObject({ code: 'not_found', provider: 'helpdesk' });
    expect(await answerTo('/agents/99')).toMatchObject({ code: 'not_found' });
  });

  it("leaves Helpdesk's other 400 answers to the default table", async () => {
    expect(await answerTo('/agents?limit=500')).toMatchObject({
      code: 'invalid_input',
      details: { httpStatus: 400, providerCode: 'invalid_limit' },
    });
  });
});
