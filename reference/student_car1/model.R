# student_car1: 30 groups with 8 to 15 observations each at irregular times in (0, 20) (distinct within
# a group, 2 decimals), rows sorted by g then t; each group's residual vector multivariate t with
# nu = 4 and scale matrix sigma^2 car1^|t_i - t_j| (sigma 0.8, car1 0.6). True b 1, 0.5; sd_g 1.
seed <- 1209L

simulate_data <- function() {
  J <- 30; car1 <- 0.6; sigma <- 0.8; nu <- 4
  rows <- lapply(seq_len(J), function(j) {
    n <- sample(8:15, 1)
    repeat { t <- sort(round(runif(n, 0, 20), 2)); if (all(diff(t) > 0)) break }
    S <- sigma^2 * car1^abs(outer(t, t, "-"))
    z <- drop(t(chol(S)) %*% rnorm(n))
    e <- z * sqrt(nu / rchisq(1, nu))
    data.frame(g = j, t = t, x = round(rnorm(n), 3), e = e)
  })
  df <- do.call(rbind, rows)
  r <- rnorm(J, 0, 1)
  df$y <- round(1 + 0.5 * df$x + r[df$g] + df$e, 4)
  df[, c("g", "t", "x", "y")]
}

stan_data <- function(df) {
  df <- df[order(df$g, df$t), ]
  J <- max(df$g)
  list(N = nrow(df), J = J, g = df$g, t = df$t, x = df$x, y = df$y,
       start = match(seq_len(J), df$g), len = as.vector(table(factor(df$g, levels = seq_len(J)))))
}

report <- c(
  b_Intercept = "b[1]", b_x = "b[2]", sigma = "sigma", nu = "nu", car1 = "car1", sd_g__Intercept = "tau"
)
