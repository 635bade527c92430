# nl_two_random: user formula a * exp(-b t) with random a and b (separate blocks); 25 subjects x 8 times.
seed <- 1608L
simulate_data <- function() {
  t <- c(0, 1, 2, 3, 5, 7, 10, 14)
  df <- data.frame(g = rep(1:25, each = length(t)), t = rep(t, 25))
  ra <- rnorm(25, 0, 2); rb <- rnorm(25, 0, 0.05)
  df$y <- round((10 + ra[df$g]) * exp(-(0.3 + rb[df$g]) * df$t) + rnorm(nrow(df), 0, 0.4), 4)
  df[, c("g", "t", "y")]
}
stan_data <- function(df) list(N = nrow(df), J = max(df$g), g = df$g, t = df$t, y = df$y)
report <- c(b_a_Intercept = "b_a", b_b_Intercept = "b_b", sd_g__a_Intercept = "tau_a", sd_g__b_Intercept = "tau_b", sigma = "sigma")
