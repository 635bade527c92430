# weighted: 25 groups x 12 rows (300), weights uniform on (0.2, 3) (2 decimals), so that the
# weighted posterior differs clearly from the unweighted one. True values: b 3, -0.7; sd_g 1;
# sigma 1.2.
seed <- 1310L

simulate_data <- function() {
  J <- 25; n <- 12
  g <- rep(seq_len(J), each = n)
  x <- round(rnorm(J * n), 3)
  w <- round(runif(J * n, 0.2, 3), 2)
  y <- round(3 - 0.7 * x + rnorm(J, 0, 1)[g] + rnorm(J * n, 0, 1.2), 4)
  data.frame(g = g, x = x, w = w, y = y)
}

stan_data <- function(df) list(N = nrow(df), J = max(df$g), g = df$g, x = df$x, y = df$y, w = df$w)

report <- c(b_Intercept = "b[1]", b_x = "b[2]", sigma = "sigma", sd_g__Intercept = "tau")
