/** @strata/core: model DSL, data handling and the log density with hand-written gradients. */
export * from './errors.js';
export * from './model/index.js';
export * from './data/index.js';
export * from './formula/index.js';
export * from './expr/index.js';
export * from './functions/index.js';
export * from './families/index.js';
export * from './priors/index.js';
export * from './transforms/index.js';
export { kernelsCompile } from './codegen/compile-kernel.js';
export { pow, powInto } from './math/pow.js';
