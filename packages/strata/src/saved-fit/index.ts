/** Saving a Fit to a directory and loading it back (format.ts describes the directory). */
export { saveFit } from './save-fit.js';
export { loadFit, readSidecar, isSavedFitDir, SavedFitError } from './load-fit.js';
export { SAVED_FIT_FORMAT, SAVED_FIT_VERSION, type SavedFitSidecar, type SavedChain } from './format.js';
