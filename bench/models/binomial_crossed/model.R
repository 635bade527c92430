# binomial_crossed: 20 levels of a crossed with 15 of b, one cell each (300 rows), trials 5 to 15.
seed <- 1601L
simulate_data <- function() {
  df <- expand.grid(a = 1:20, b = 1:15)
  df$x <- round(rnorm(nrow(df)), 3)
  df$n <- sample(5:15, nrow(df), replace = TRUE)
  ra <- rnorm(20, 0, 0.8); rb <- rnorm(15, 0, 0.5)
  df$y <- rbinom(nrow(df), df$n, plogis(-0.3 + 0.7 * df$x + ra[df$a] + rb[df$b]))
  df[, c("a", "b", "x", "n", "y")]
}
stan_data <- function(df) list(N = nrow(df), Ja = max(df$a), Jb = max(df$b), a = df$a, b = df$b, x = df$x, n = df$n, y = df$y)
report <- c(b_Intercept = "beta[1]", b_x = "beta[2]", sd_a__Intercept = "tau_a", sd_b__Intercept = "tau_b")
