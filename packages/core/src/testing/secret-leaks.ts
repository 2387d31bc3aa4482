/**
 * Where, if anywhere, a thrown value shows one of `secrets`: its message, its `details`, `String()`
 * and `JSON.stringify()`. Those are what hosts log and send to dashboards. Returns the surfaces that
 * leak (never the secret itself, so a failing report does not repeat it).
 */
export function findSecretLeaks(error: unknown, secrets: readonly string[]): string[] {
  const usable = secrets.filter((secret) => secret.length > 0);
  if (usable.length === 0) return [];
  const surfaces: Record<string, string> = {
    'String(error)': safe(() => String(error)),
    'JSON.stringify(error)': safe(() => JSON.stringify(error) ?? ''),
  };
  if (typeof error === 'object' && error !== null) {
    const { message, details } = error as { message?: unknown; details?: unknown };
    surfaces.message = typeof message === 'string' ? message : '';
    surfaces.details = safe(() => JSON.stringify(details) ?? '');
  }
  return Object.entries(surfaces)
    .filter(([, text]) => usable.some((secret) => text.includes(secret)))
    .map(([surface]) => surface);
}

function safe(render: () => string): string {
  try {
    return render();
  } catch {
    // A value that cannot be rendered cannot leak through rendering either.
    return '';
  }
}
