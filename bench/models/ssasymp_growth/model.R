# ssasymp_growth: asymptotic regression (SSasymp); 20 subjects x 8 times, random Asym.
seed <- 1606L
f <- function(t, Asym, R0, lrc) Asym + (R0 - Asym) * exp(-exp(lrc) * t)
simulate_data <- function() {
  t <- c(0.5, 1, 2, 3, 4, 6, 8, 12)
  df <- data.frame(g = rep(1:20, each = length(t)), t = rep(t, 20))
  r <- rnorm(20, 0, 10)
  df$y <- round(f(df$t, 100 + r[df$g], 10, -1.5) + rnorm(nrow(df), 0, 3), 4)
  df[, c("g", "t", "y")]
}
stan_data <- function(df) list(N = nrow(df), J = max(df$g), g = df$g, t = df$t, y = df$y)
report <- c(b_Asym_Intercept = "b_Asym", b_R0_Intercept = "b_R0", b_lrc_Intercept = "b_lrc", sd_g__Asym_Intercept = "tau", sigma = "sigma")
