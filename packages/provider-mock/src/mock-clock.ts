/** Source of `createdAt` and `checkedAt` timestamps; bind it to make them deterministic in tests. */
export type MockClock = () => Date;
/** Optional injection token: when unbound the directory uses the system clock. */
export const MockClock = Symbol.for('@provisionkit/provider-mock/MockClock');
