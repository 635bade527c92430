# student_glmm: 30 groups x 10 rows, t residuals with nu 4, sigma 0.7.
seed <- 1604L
simulate_data <- function() {
  df <- data.frame(g = rep(1:30, each = 10))
  df$x <- round(rnorm(nrow(df)), 3)
  r <- rnorm(30, 0, 1)
  df$y <- round(2 + 0.5 * df$x + r[df$g] + 0.7 * rt(nrow(df), 4), 4)
  df[, c("g", "x", "y")]
}
stan_data <- function(df) list(N = nrow(df), J = max(df$g), g = df$g, x = df$x, y = df$y)
report <- c(b_Intercept = "beta[1]", b_x = "beta[2]", sigma = "sigma", nu = "nu", sd_g__Intercept = "tau")
