import { describeAmbiguousWrites } from './support/ambiguous-behaviour.js';

describeAmbiguousWrites('conflict-warn');
