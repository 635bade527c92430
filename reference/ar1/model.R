# ar1: 25 groups x 16 equally spaced times (400 rows), rows sorted by g then t.
# True values: b 1, 0.5; sd_g 0.8; sigma (innovation) 0.6; ar 0.5.
seed <- 1203L

simulate_data <- function() {
  J <- 25; n <- 16; ar <- 0.5; sigma <- 0.6
  rows <- lapply(seq_len(J), function(j) {
    e <- numeric(n)
    e[1] <- rnorm(1, 0, sigma / sqrt(1 - ar^2))
    for (k in 2:n) e[k] <- ar * e[k - 1] + rnorm(1, 0, sigma)
    x <- round(rnorm(n), 3)
    data.frame(g = j, t = seq_len(n), x = x, e = e)
  })
  df <- do.call(rbind, rows)
  r <- rnorm(J, 0, 0.8)
  df$y <- round(1 + 0.5 * df$x + r[df$g] + df$e, 4)
  df[, c("g", "t", "x", "y")]
}

stan_data <- function(df) {
  df <- df[order(df$g, df$t), ]
  list(N = nrow(df), J = max(df$g), g = df$g, x = df$x, y = df$y)
}

report <- c(
  b_Intercept = "b[1]", b_x = "b[2]", sigma = "sigma", "ar[1]" = "ar", sd_g__Intercept = "tau"
)
