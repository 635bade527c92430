/** compile(spec, data) and the pieces of a compiled model. */
export { compile, compileFromJSON, MODEL_JSON_KIND, MODEL_JSON_VERSION } from './compile.js';
export type { CompiledModel, CompileOptions, ModelJSON, TrainingResponse } from './compile.js';
export type { ConstrainedLayout, ConstrainedGroup, ConstrainedParts } from './constrained.js';
export type { GroupEffects, NewDataOptions, NewDataPredictor } from './new-data.js';
export { validateSpec } from './spec.js';
export type { ModelSpec, PriorSpecEntry } from './spec.js';
export type { Layout, ScalarParam, FixedBlock, GroupBlock, JointBlock } from './layout.js';
export type { ModelStructure, PredictorStructure, DparStructure } from './structure.js';
export type { AutocorStructure } from './autocor-data.js';
export type { ResponseExtrasData } from './response-extras.js';
export { CENSORING } from './response-extras.js';
export type { GroupIdBlock } from './group-ids.js';
export { unsupportedFeatures } from './unsupported.js';
