// Two customers, two providers, one kit: see run-multi-tenant.ts.
import { runMultiTenant } from './run-multi-tenant.js';

await runMultiTenant((line) => console.log(line));
