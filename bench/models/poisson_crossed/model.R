# poisson_crossed: 25 levels of a crossed with 16 of b, one cell each (400 rows).
seed <- 1602L
simulate_data <- function() {
  df <- expand.grid(a = 1:25, b = 1:16)
  df$x <- round(rnorm(nrow(df)), 3)
  ra <- rnorm(25, 0, 0.6); rb <- rnorm(16, 0, 0.4)
  df$y <- rpois(nrow(df), exp(0.8 + 0.4 * df$x + ra[df$a] + rb[df$b]))
  df[, c("a", "b", "x", "y")]
}
stan_data <- function(df) list(N = nrow(df), Ja = max(df$a), Jb = max(df$b), a = df$a, b = df$b, x = df$x, y = df$y)
report <- c(b_Intercept = "beta[1]", b_x = "beta[2]", sd_a__Intercept = "tau_a", sd_b__Intercept = "tau_b")
