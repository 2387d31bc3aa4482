import { describeBatchBehaviour } from './support/batch-behaviour.js';

describeBatchBehaviour('conflict-warn');
