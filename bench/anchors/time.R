# Stan anchor timing for bench models (issue 16). Usage, from the repo root:
#   Rscript bench/anchors/time.R <model-dir> <name>
# <model-dir> holds model.stan, data.csv and model.R defining stan_data(df) (the reference/<model>/
# convention). Writes bench/anchors/<name>.json with an `anchor` in the shape of
# ../shared/reference/<model>.json: compile_s, 3 runs (seeds 1..3) of 4 chains x (1000 warmup + 1000
# draws) run one after another (cores = 1), leapfrog sums, min bulk/tail ESS, divergences, and the
# C floor (../shared/bench/c-floor.sh) measured just before and after (the smaller is kept).
suppressMessages({ library(rstan); library(jsonlite) })
# Debian's r-cran-bh keeps the Boost headers in /usr/include (as reference/run.R does)
if (!file.exists(rstan_options("boost_lib")) && file.exists("/usr/include/boost"))
  rstan_options(boost_lib = "/usr/include")
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]; name <- args[2]
floor_ns <- function() {
  l <- grep("floor:", system("bash ../shared/bench/c-floor.sh", intern = TRUE), value = TRUE)
  as.numeric(sub(".*floor: *([0-9.]+).*", "\\1", tail(l, 1)))
}
env <- new.env(); sys.source(file.path(dir, "model.R"), envir = env)
df <- read.csv(file.path(dir, "data.csv"))
data <- env$stan_data(df)
f0 <- floor_ns()
t0 <- Sys.time(); sm <- stan_model(file.path(dir, "model.stan")); compile_s <- as.numeric(Sys.time() - t0, units = "secs")
runs <- lapply(1:3, function(seed) {
  fit <- sampling(sm, data = data, chains = 4, iter = 2000, warmup = 1000, seed = seed, cores = 1, refresh = 0)
  tm <- get_elapsed_time(fit)
  sp <- get_sampler_params(fit, inc_warmup = TRUE)
  lf <- sapply(sp, function(s) sum(s[, "n_leapfrog__"]))
  lfs <- sapply(sp, function(s) sum(s[1001:2000, "n_leapfrog__"]))
  dv <- sum(sapply(sp, function(s) sum(s[1001:2000, "divergent__"])))
  arr <- as.array(fit); pars <- setdiff(dimnames(arr)[[3]], "lp__")
  # ESS over the reported parameters (model.R's `report`, the ones Strata's bench uses), as the
  # shared anchors do; over every parameter (z, r, ...) as well, kept as *_all
  reported <- if (exists("report", envir = env)) intersect(unname(env$report), pars) else pars
  bulk_all <- sapply(pars, function(p) ess_bulk(arr[, , p])); tail_all <- sapply(pars, function(p) ess_tail(arr[, , p]))
  bulk <- bulk_all[reported]; tail <- tail_all[reported]
  list(warmup_s = sum(tm[, "warmup"]), sampling_s = sum(tm[, "sample"]), leapfrog_total = sum(lf),
       leapfrog_sampling = sum(lfs), min_ess_bulk = min(bulk), min_ess_tail = min(tail),
       min_ess_bulk_all = min(bulk_all), min_ess_tail_all = min(tail_all), divergent = dv)
})
f1 <- floor_ns()
out <- list(anchor = list(compile_s = compile_s, runs = runs, c_floor_ns = min(f0, f1),
  c_floor_around_ns = c(f0, f1), load_average = readLines("/proc/loadavg"),
  measured = format(Sys.time(), "%Y-%m-%d %H:%M UTC", tz = "UTC")))
write(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), file.path("bench/anchors", paste0(name, ".json")))
