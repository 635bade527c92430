# car1_sigma: growth-like data with heteroscedastic, autocorrelated residuals: 25 subjects with 6 to 12
# visits at irregular times in (0, 10) (distinct within a subject, 2 decimals), rows sorted by g then t.
# mu = 2 + 0.6 t + r_g, sigma_i = exp(-1 + 0.12 t_i) (the spread grows with time), and within a subject
# u_i = e_i / sigma_i is a continuous-time AR(1) with car1 = 0.5 (Cov(e_i, e_j) = sigma_i sigma_j car1^|t_i - t_j|).
seed <- 1208L

simulate_data <- function() {
  J <- 25; car1 <- 0.5
  rows <- lapply(seq_len(J), function(j) {
    n <- sample(6:12, 1)
    repeat { t <- sort(round(runif(n, 0, 10), 2)); if (all(diff(t) > 0)) break }
    u <- numeric(n)
    u[1] <- rnorm(1)
    for (k in seq_len(n)[-1]) {
      phi <- car1^(t[k] - t[k - 1])
      u[k] <- phi * u[k - 1] + rnorm(1, 0, sqrt(1 - phi^2))
    }
    data.frame(g = j, t = t, e = exp(-1 + 0.12 * t) * u)
  })
  df <- do.call(rbind, rows)
  r <- rnorm(J, 0, 0.8)
  df$y <- round(2 + 0.6 * df$t + r[df$g] + df$e, 4)
  df[, c("g", "t", "y")]
}

stan_data <- function(df) {
  df <- df[order(df$g, df$t), ]
  list(N = nrow(df), J = max(df$g), g = df$g, t = df$t, y = df$y)
}

report <- c(
  b_Intercept = "b[1]", b_t = "b[2]", b_sigma_Intercept = "bs[1]", b_sigma_t = "bs[2]",
  car1 = "car1", sd_g__Intercept = "tau"
)
