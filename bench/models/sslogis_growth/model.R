# sslogis_growth: logistic growth (SSlogis); 20 subjects x 8 times, random Asym.
seed <- 1605L
f <- function(t, Asym, xmid, scal) Asym / (1 + exp((xmid - t) / scal))
simulate_data <- function() {
  t <- c(118, 300, 484, 664, 1004, 1231, 1372, 1582)
  df <- data.frame(g = rep(1:20, each = length(t)), t = rep(t, 20))
  r <- rnorm(20, 0, 30)
  df$y <- round(f(df$t, 200 + r[df$g], 700, 350) + rnorm(nrow(df), 0, 8), 4)
  df[, c("g", "t", "y")]
}
stan_data <- function(df) list(N = nrow(df), J = max(df$g), g = df$g, t = df$t, y = df$y)
report <- c(b_Asym_Intercept = "b_Asym", b_xmid_Intercept = "b_xmid", b_scal_Intercept = "b_scal", sd_g__Asym_Intercept = "tau", sigma = "sigma")
