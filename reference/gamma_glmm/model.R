# gamma_glmm: 30 groups x 10 rows (300). True values: b 1, 0.4; sd_g 0.5; shape 3.
seed <- 1306L

simulate_data <- function() {
  J <- 30; n <- 10; shape <- 3
  g <- rep(seq_len(J), each = n)
  x <- round(rnorm(J * n), 3)
  mu <- exp(1 + 0.4 * x + rnorm(J, 0, 0.5)[g])
  y <- signif(rgamma(J * n, shape = shape, rate = shape / mu), 6)
  data.frame(g = g, x = x, y = y)
}

stan_data <- function(df) list(N = nrow(df), J = max(df$g), g = df$g, x = df$x, y = df$y)

report <- c(b_Intercept = "b[1]", b_x = "b[2]", shape = "shape", sd_g__Intercept = "tau")
