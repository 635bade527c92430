# Writes <model-dir>/data.csv from <model-dir>/model.R (seed, simulate_data()), values as the CSV holds
# them, so that Stan (bench/anchors/time.R) and Strata (pnpm bench) fit the same numbers.
#   Rscript bench/anchors/simulate.R bench/models/<name>
args <- commandArgs(trailingOnly = TRUE)
env <- new.env(); sys.source(file.path(args[1], "model.R"), envir = env)
set.seed(env$seed)
write.csv(env$simulate_data(), file.path(args[1], "data.csv"), row.names = FALSE, quote = FALSE)
