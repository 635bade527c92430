# negbinomial_glmm: 30 groups x 12 rows, shape 3.
seed <- 1603L
simulate_data <- function() {
  df <- data.frame(g = rep(1:30, each = 12))
  df$x <- round(rnorm(nrow(df)), 3)
  r <- rnorm(30, 0, 0.5)
  df$y <- rnbinom(nrow(df), size = 3, mu = exp(1 + 0.5 * df$x + r[df$g]))
  df[, c("g", "x", "y")]
}
stan_data <- function(df) list(N = nrow(df), J = max(df$g), g = df$g, x = df$x, y = df$y)
report <- c(b_Intercept = "beta[1]", b_x = "beta[2]", shape = "shape", sd_g__Intercept = "tau")
