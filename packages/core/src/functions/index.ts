/** Public surface of the growth / pharmacokinetic function library (see packages/core/docs/nonlinear.md). */
export type { NlArgs, NlFunction } from './types.js';
export type { FunctionDefinition } from './registry.js';
export { registerFunction, unregisterFunction, getFunction, functionNames, isLibraryFunction } from './registry.js';
export { LIBRARY } from './library.js';
export { SSlogis, SSfpl } from './logistic.js';
export { Richards } from './richards.js';
export { SSgompertz } from './gompertz.js';
export { SSweibull } from './weibull.js';
export { SSasymp, SSasympOff, SSasympOrig } from './asymptotic.js';
export { SSbiexp } from './biexp.js';
export { SSfol } from './fol.js';
export { SSmicmen } from './micmen.js';
export { vonBertalanffy } from './vonBertalanffy.js';
export { seededUniform } from './random.js';
