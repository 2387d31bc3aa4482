import type { DestinationStream } from 'pino';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../errors/error-classes.js';
import { createLogger, silentLogger } from './create-logger.js';

const CANARY = 'canary-9f8e7d6c5b4a';

function memoryStream(): DestinationStream & {
  readonly lines: () => Record<string, unknown>[];
  text: string;
} {
  const stream = {
    text: '',
    write(line: string) {
      stream.text += line;
    },
    lines: () =>
      stream.text
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
  return stream;
}

describe('createLogger', () => {
  it('censors secret fields at any depth, whatever their case', () => {
    const destination = memoryStream();
    const logger = createLogger({ destination });
    logger.info({
      password: 'pw-1',
      a: { b: { c: { d: { e: { f: { provhash: 'hash-2' } } } } } },
      ApiKey: 'k-3',
    });
    expect(destination.text).not.toMatch(/pw-1|hash-2|k-3/);
    expect(destination.lines()[0]?.password).toBe('[REDACTED]');
  });

  it('never writes a registered secret value: not in objects, messages, arguments or errors', () => {
    const destination = memoryStream();
    const logger = createLogger({ destination, secrets: [CANARY] });
    logger.info({ deep: { list: [{ note: `x ${CANARY} y` }] } }, `msg ${CANARY}`);
    logger.warn('formatted %s and %o', CANARY, { value: CANARY });
    logger.error(new NotFoundError(`user ${CANARY}`, { cause: new Error(CANARY) }));
    logger.error({ err: new Error(`wrapped ${CANARY}`) }, 'failed');
    expect(destination.lines()).toHaveLength(4);
    expect(destination.text).not.toContain(CANARY);
  });

  it('defaults to level info and honours another level', () => {
    const destination = memoryStream();
    createLogger({ destination }).debug('hidden');
    expect(destination.lines()).toHaveLength(0);
    createLogger({ destination, level: 'debug' }).debug('shown');
    expect(destination.lines()).toHaveLength(1);
  });

  it('rejects an unknown level or a destination without write()', () => {
    expect(() => createLogger({ level: 'loud' })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => createLogger({ destination: {} as DestinationStream })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });

  it('censors secret fields in the bindings of a child', () => {
    const destination = memoryStream();
    const child = createLogger({ destination }).child({
      component: 'http',
      auth: { token: 't-4' },
      apiKey: 'k-5',
    });
    child.info('sent');
    expect(destination.text).not.toMatch(/t-4|k-5/);
    expect(destination.lines()[0]).toMatchObject({
      component: 'http',
      auth: { token: '[REDACTED]' },
      apiKey: '[REDACTED]',
    });
  });

  it('keeps scrubbing in children derived with plain pino child()', () => {
    const destination = memoryStream();
    const child = createLogger({ destination, secrets: [CANARY] }).child({ component: 'http' });
    child.info({ body: `provhash=${CANARY}` }, 'sent');
    expect(destination.lines()[0]?.component).toBe('http');
    expect(destination.text).not.toContain(CANARY);
  });
});

describe('silentLogger', () => {
  it('returns a logger that writes nothing', () => {
    const logger = silentLogger();
    expect(logger.isLevelEnabled('fatal')).toBe(false);
  });
});
