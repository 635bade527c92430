# offset_poisson: 30 groups x 10 rows (300), exposure uniform on (0.5, 5), log_exposure given to
# 4 decimals. True values: b -0.5, 0.6; sd_g 0.4.
seed <- 1311L

simulate_data <- function() {
  J <- 30; n <- 10
  g <- rep(seq_len(J), each = n)
  x <- round(rnorm(J * n), 3)
  log_exposure <- round(log(runif(J * n, 0.5, 5)), 4)
  count <- rpois(J * n, exp(-0.5 + 0.6 * x + log_exposure + rnorm(J, 0, 0.4)[g]))
  data.frame(g = g, x = x, log_exposure = log_exposure, count = count)
}

stan_data <- function(df) list(N = nrow(df), J = max(df$g), g = df$g, x = df$x,
                               log_exposure = df$log_exposure, y = df$count)

report <- c(b_Intercept = "b[1]", b_x = "b[2]", sd_g__Intercept = "tau")
