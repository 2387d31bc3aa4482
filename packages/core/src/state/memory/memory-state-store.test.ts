import { describeStateStoreContract } from '../../testing/index.js';
import { createMemoryStateStore } from './memory-state-store.js';

describeStateStoreContract({ name: 'memory', factory: () => createMemoryStateStore() });
