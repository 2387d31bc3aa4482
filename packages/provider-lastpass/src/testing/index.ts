export { EVENT_ACTIONS, INITIATED_BY_API, type SimulatorEvent } from './events.js';
export {
  type FaultMatch,
  type SimulatorFault,
  type SimulatorFaultKind,
  SimulatorFaults,
  type ThrottleOptions,
} from './faults.js';
export { type LastPassSandboxOptions, lastpassSandbox } from './lastpass-sandbox.js';
export type { SimulatorRequestRecord } from './request-log.js';
export type { SimulatorThrottle } from './request-throttle.js';
export type { PermissionFlagType, SharedFolderMember, SimulatorSharedFolder } from './shared-folders.js';
export { SimulatorError, type SimulatorErrorCode } from './simulator-error.js';
export type { LastPassSimulatorOptions, SimulatorQuirks, SimulatorSeedOptions } from './simulator-options.js';
export { type LastPassSimulator, startLastPassSimulator } from './simulator-server.js';
export { type Departure, SimulatorState, type UserPatch } from './simulator-state.js';
export type { SimulatorUser, SimulatorUserInput, VaultCounters } from './simulator-user.js';
export { AUTH_ERROR_XML } from './wire-format.js';
