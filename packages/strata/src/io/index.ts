export {
  CMDSTAN_SAMPLER_COLUMNS,
  CmdStanCsvError,
  formatCsvNumber,
  parseCsvNumber,
  savedDraws,
  type CmdStanSamplerStats,
  type SamplerColumn,
} from './cmdstan-csv-format.js';
export { writeCmdStanCsv, checkCsvNames, cmdStanCsvPaths, type CmdStanCsvInput, type CmdStanChainInput } from './cmdstan-csv-write.js';
export { readCmdStanCsv, type CmdStanCsvRead, type CmdStanCsvMetadata, type ReadOptions } from './cmdstan-csv-read.js';
export { cmdstanColumnToName, toCsvColumns, type ColumnNameStyle } from './cmdstan-names.js';
export { writeCmdStanCsvFiles, readCmdStanCsvFiles } from './cmdstan-files.js';
export { writeFileWhole, describeWriteError, removePendingTemporaryFiles } from './whole-file-write.js';
