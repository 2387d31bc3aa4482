// Every request a provider sends is checked against the request schema first. For the common
// request (a method, a path, a JSON body, the provider's reader and error mapper, a signal) that
// zod parse cost a bulk create more than all its own bookkeeping per request, so the common shape
// is read by hand. This check only ever says "certainly valid": on anything it is not certain of
// (a key it does not read, a value of an unusual type, an unusual object) it answers false and the
// schema decides and names the field. A test feeds both the same varied requests.

const METHODS: ReadonlySet<unknown> = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const MAX_SECRETS = 10_000;

/** True when the request schema certainly accepts `request` and it carries no retry override. */
export function isPlainRequest(request: unknown): boolean {
  if (!isPlainRecord(request)) return false;
  // Own keys of every kind: a hidden or symbol key is the schema's to judge.
  for (const key of Reflect.ownKeys(request)) {
    if (typeof key !== 'string' || !plainField(key, request[key])) return false;
  }
  return typeof request.method === 'string' && typeof request.path === 'string';
}

function plainField(key: string, value: unknown): boolean {
  switch (key) {
    case 'method':
      return METHODS.has(value);
    case 'path':
      return typeof value === 'string' && value.length >= 1 && value.length <= 8192;
    case 'json':
      // The one body kind read here (`form` and `body` go to the schema), so never two bodies.
      return true;
    case 'read':
    case 'settle':
    case 'mapError':
      return value === undefined || typeof value === 'function';
    case 'idempotent':
      return value === undefined || typeof value === 'boolean';
    case 'operation':
      return value === undefined || (typeof value === 'string' && value.length >= 1 && value.length <= 64);
    case 'secrets':
      return value === undefined || isSecretList(value);
    case 'errorDetails':
      return value === undefined || isErrorDetails(value);
    case 'signal':
      return value === undefined || value instanceof AbortSignal;
    case 'readAfter':
      return value === undefined || value instanceof Promise;
    default:
      return false;
  }
}

function isSecretList(value: unknown): boolean {
  if (!Array.isArray(value) || value.length > MAX_SECRETS) return false;
  for (let index = 0; index < value.length; index++) if (typeof value[index] !== 'string') return false;
  return true;
}

function isErrorDetails(value: unknown): boolean {
  if (!isPlainRecord(value)) return false;
  // Own keys of every kind, as the schema reads them: a symbol or hidden key goes to the schema.
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key !== 'string' || key.length > 64 || key === '__proto__') return false;
    const detail = value[key];
    if (typeof detail === 'string' ? detail.length > 256 : !isFiniteOrBoolean(detail)) return false;
  }
  return true;
}

function isFiniteOrBoolean(value: unknown): boolean {
  return typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

/** An object literal's shape: `Object.prototype` as prototype and no own `constructor`. */
function isPlainRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.getPrototypeOf(value) === Object.prototype &&
    !Object.hasOwn(value, 'constructor')
  );
}
