import { describeAmbiguousWrites } from './support/ambiguous-behaviour.js';

describeAmbiguousWrites('upsert');
