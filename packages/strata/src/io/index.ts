export {
  CMDSTAN_SAMPLER_COLUMNS,
  CmdStanCsvError,
  formatCsvNumber,
  parseCsvNumber,
  savedDraws,
  type CmdStanSamplerStats,
  type SamplerColumn,
} from './cmdstan-csv-format.js';
export {
  writeCmdStanCsv,
  checkCsvNames,
  checkCmdStanCsvInput,
  cmdStanCsvPaths,
  cmdStanCsvHead,
  cmdStanCsvRows,
  cmdStanCsvTail,
  type CmdStanCsvInput,
  type CmdStanChainInput,
  type CmdStanRunInput,
  type CmdStanChainHead,
  type CmdStanChainTail,
} from './cmdstan-csv-write.js';
export { CmdStanChainStream } from './cmdstan-csv-stream.js';
export { readCmdStanCsv, type CmdStanCsvRead, type CmdStanCsvMetadata, type ReadOptions } from './cmdstan-csv-read.js';
export { cmdstanColumnToName, toCsvColumns, type ColumnNameStyle } from './cmdstan-names.js';
export { writeCmdStanCsvFiles, readCmdStanCsvFiles } from './cmdstan-files.js';
export { writeFileWhole, openTemporaryFile, describeWriteError, removePendingTemporaryFiles, type TemporaryFile } from './whole-file-write.js';
