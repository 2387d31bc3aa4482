// Runs src/main.ts from source in this one process (tsx's loader, registered here), rather than
// under the tsx command, which runs it in a child process and relays signals to it: a Ctrl-C that
// reaches both processes at once could end the program before it finished closing.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// The repository's tsconfig covers the workspace packages' sources (their decorators) too.
register({ tsconfig: fileURLToPath(new URL('../../tsconfig.json', import.meta.url)) });
await import('./src/main.ts');
