# car1: 30 groups with 8 to 15 observations each at irregular times in (0, 20) (distinct within a
# group, 2 decimals), rows sorted by g then t. True values: b 1, 0.5; sd_g 1; sigma 0.8; car1 0.6.
seed <- 1204L

simulate_data <- function() {
  J <- 30; car1 <- 0.6; sigma <- 0.8
  rows <- lapply(seq_len(J), function(j) {
    n <- sample(8:15, 1)
    repeat { t <- sort(round(runif(n, 0, 20), 2)); if (all(diff(t) > 0)) break }
    e <- numeric(n)
    e[1] <- rnorm(1, 0, sigma)
    for (k in seq_len(n)[-1]) {
      phi <- car1^(t[k] - t[k - 1])
      e[k] <- phi * e[k - 1] + rnorm(1, 0, sigma * sqrt(1 - phi^2))
    }
    data.frame(g = j, t = t, x = round(rnorm(n), 3), e = e)
  })
  df <- do.call(rbind, rows)
  r <- rnorm(J, 0, 1)
  df$y <- round(1 + 0.5 * df$x + r[df$g] + df$e, 4)
  df[, c("g", "t", "x", "y")]
}

stan_data <- function(df) {
  df <- df[order(df$g, df$t), ]
  list(N = nrow(df), J = max(df$g), g = df$g, t = df$t, x = df$x, y = df$y)
}

report <- c(
  b_Intercept = "b[1]", b_x = "b[2]", sigma = "sigma", car1 = "car1", sd_g__Intercept = "tau"
)
