# sigma_formula: 30 groups x 12 rows (360). True values: b 2, 0.5; sd_g 1;
# b_sigma -0.5, 0.3; sd_g__sigma 0.3.
seed <- 1202L

simulate_data <- function() {
  J <- 30; n <- 12
  g <- rep(seq_len(J), each = n)
  x <- round(rnorm(J * n), 3)
  r <- rnorm(J, 0, 1); r_sigma <- rnorm(J, 0, 0.3)
  mu <- 2 + 0.5 * x + r[g]
  sigma <- exp(-0.5 + 0.3 * x + r_sigma[g])
  data.frame(g = g, x = x, y = round(rnorm(J * n, mu, sigma), 4))
}

stan_data <- function(df) list(N = nrow(df), J = max(df$g), g = df$g, x = df$x, y = df$y)

report <- c(
  b_Intercept = "b[1]", b_x = "b[2]",
  b_sigma_Intercept = "b_sigma[1]", b_sigma_x = "b_sigma[2]",
  sd_g__Intercept = "tau", sd_g__sigma_Intercept = "tau_sigma"
)
