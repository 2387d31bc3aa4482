import { describeBatchBehaviour } from './support/batch-behaviour.js';

describeBatchBehaviour('upsert');
