export { CorrelationEngine, fingerprintOf, type Analyzer } from './engine.js';
export type { CorrelationRule, CorrelationType, CountCondition } from './model.js';
export { resolveCorrelations, type ResolvedCorrelation } from './resolve.js';
