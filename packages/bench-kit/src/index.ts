export { type BenchResult, writeBenchResults } from './bench-result.js';
export { findGc } from './find-gc.js';
