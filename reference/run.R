# Stan reference posterior for one model of reference/<model>/.
#
#   Rscript reference/run.R <model>        (from the repository root)
#
# reference/<model>/model.R defines
#   seed             integer: seeds both the simulation (set.seed) and Stan
#   simulate_data()  a data.frame (values rounded, so that the CSV holds exactly what Stan sees)
#   stan_data(df)    the Stan data list, built from the data as READ BACK from data.csv
#   report           named character vector: brms-style name -> Stan variable
#   init (optional)  passed to rstan::stan
# and the folder holds model.stan and spec.json. This script writes reference/<model>/data.csv and
# reference/<model>.json in the format of ../shared/reference/*.json: 4 chains x 10000 draws after
# 1000 warmup, adapt_delta 0.95; summaries as R's posterior (quantiles type 7).
suppressPackageStartupMessages({ library(rstan); library(posterior); library(jsonlite) })

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 1) stop("usage: Rscript reference/run.R <model>")
name <- args[[1]]
file_arg <- sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))
ref_dir <- normalizePath(dirname(file_arg))
dir <- file.path(ref_dir, name)
if (!dir.exists(dir)) stop("no folder ", dir)

env <- new.env()
sys.source(file.path(dir, "model.R"), envir = env)
init <- if (exists("init", envir = env, inherits = FALSE)) env$init else "random"

set.seed(env$seed)
df <- env$simulate_data()
csv <- file.path(dir, "data.csv")
write.csv(df, csv, row.names = FALSE, quote = FALSE)
df <- read.csv(csv, stringsAsFactors = FALSE)   # fit exactly what the CSV says

stan_file <- file.path(dir, "model.stan")
rstan_options(auto_write = FALSE)
# Debian's r-cran-bh keeps the Boost headers in /usr/include, not in the R package
if (!file.exists(rstan_options("boost_lib")) && file.exists("/usr/include/boost"))
  rstan_options(boost_lib = "/usr/include")
compile_s <- system.time(sm <- stan_model(stan_file))[["elapsed"]]
fit <- sampling(sm, data = env$stan_data(df), chains = 4, iter = 11000, warmup = 1000,
                seed = env$seed, init = init, cores = 2, refresh = 0,
                control = list(adapt_delta = 0.95))

report <- env$report
draws <- as_draws_array(fit)
draws <- subset_draws(draws, variable = unname(report))
variables(draws) <- names(report)
s <- summarise_draws(draws, mean, sd, ~quantile2(.x, probs = c(0.05, 0.5, 0.95)),
                     mcse_mean, rhat, ess_bulk, ess_tail)
parameters <- list()
for (i in seq_len(nrow(s))) {
  row <- as.list(s[i, ])
  parameters[[row$variable]] <- row
}

sampler <- get_sampler_params(fit, inc_warmup = FALSE)
divergent <- sum(sapply(sampler, function(x) sum(x[, "divergent__"])))
treedepth_hits <- sum(sapply(sampler, function(x) sum(x[, "treedepth__"] >= 10)))
times <- get_elapsed_time(fit)

out <- list(
  model = name,
  data = file.path("reference", name, "data.csv"),
  spec = fromJSON(file.path(dir, "spec.json"), simplifyVector = FALSE),
  stan = paste(readLines(stan_file), collapse = "\n"),
  draws = sprintf("4 chains x 10000 draws after 1000 warmup, rstan %s, NUTS with adapt_delta 0.95, seed %d",
                  packageVersion("rstan"), env$seed),
  divergent = divergent,
  max_treedepth_hits = treedepth_hits,
  timing = list(compile_s = compile_s, warmup_s = sum(times[, "warmup"]),
                sampling_s = sum(times[, "sample"])),
  parameters = parameters
)
write_json(out, file.path(ref_dir, paste0(name, ".json")), auto_unbox = TRUE, digits = NA, pretty = TRUE)

cat(sprintf("%s: %d divergent, %d treedepth hits, sampling %.1f s (warmup %.1f s)\n", name,
            divergent, treedepth_hits, sum(times[, "sample"]), sum(times[, "warmup"])))
print(as.data.frame(s), digits = 4)
cat(sprintf("max rhat %.4f, min ess_bulk %.0f, min ess_tail %.0f\n",
            max(s$rhat), min(s$ess_bulk), min(s$ess_tail)))
