# zip_glmm: 30 groups x 12 rows (360). True values: b 1, 0.5; sd_g 0.5; zi 0.25.
seed <- 1307L

simulate_data <- function() {
  J <- 30; n <- 12
  g <- rep(seq_len(J), each = n)
  x <- round(rnorm(J * n), 3)
  lambda <- exp(1 + 0.5 * x + rnorm(J, 0, 0.5)[g])
  count <- ifelse(runif(J * n) < 0.25, 0L, rpois(J * n, lambda))
  data.frame(g = g, x = x, count = count)
}

stan_data <- function(df) list(N = nrow(df), J = max(df$g), g = df$g, x = df$x, y = df$count)

report <- c(b_Intercept = "b[1]", b_x = "b[2]", zi = "zi", sd_g__Intercept = "tau")
