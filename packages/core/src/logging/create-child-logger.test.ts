import { type DestinationStream, pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createChildLogger } from './create-child-logger.js';
import { createLogger } from './create-logger.js';

const CANARY = 'canary-9f8e7d6c5b4a';
const OTHER = 'other-secret-0a1b2c3d';

function memoryStream(): DestinationStream & { text: string } {
  const stream = {
    text: '',
    write(line: string) {
      stream.text += line;
    },
  };
  return stream;
}

describe('createChildLogger', () => {
  it('adds the bindings and scrubs the child secrets along with the parent ones', () => {
    const destination = memoryStream();
    const root = createLogger({ destination, secrets: [OTHER] });
    const child = createChildLogger(root, { provider: 'mock', tenant: 't1' }, [CANARY]);
    child.child({ component: 'http' }).info({ body: `${CANARY} ${OTHER}` }, `sent ${CANARY}`);
    const line = JSON.parse(destination.text) as Record<string, unknown>;
    expect(line).toMatchObject({ provider: 'mock', tenant: 't1', component: 'http' });
    expect(destination.text).not.toContain(CANARY);
    expect(destination.text).not.toContain(OTHER);
  });

  it('does not leak one child secret registration into its parent or siblings', () => {
    const destination = memoryStream();
    const root = createLogger({ destination });
    createChildLogger(root, { tenant: 'a' }, [CANARY]);
    root.info({ note: CANARY });
    expect(destination.text).toContain(CANARY);
  });

  it('scrubs logged objects on a host pino logger not built by createLogger', () => {
    const destination = memoryStream();
    const child = createChildLogger(pino({}, destination), { provider: 'mock' }, [CANARY]);
    child.info({ a: { b: { c: { d: { e: { f: CANARY, password: 'pw-9' } } } } } });
    expect(destination.text).not.toContain(CANARY);
    expect(destination.text).not.toContain('pw-9');
    expect(destination.text).toContain('"provider":"mock"');
  });
});
