# cumulative_ri: 4 ordered categories, 30 groups x 12 rows (360). True values: thresholds
# -1.5, 0, 1.2; b_x 0.8; sd_g 1.
seed <- 1308L

simulate_data <- function() {
  J <- 30; n <- 12; thr <- c(-1.5, 0, 1.2)
  g <- rep(seq_len(J), each = n)
  x <- round(rnorm(J * n), 3)
  eta <- 0.8 * x + rnorm(J, 0, 1)[g]
  latent <- eta + rlogis(J * n)           # P(latent <= thr_k) = inv_logit(thr_k - eta)
  rating <- 1L + findInterval(latent, thr)
  data.frame(g = g, x = x, rating = rating)
}

stan_data <- function(df) list(N = nrow(df), J = max(df$g), K = 4L, g = df$g, x = df$x,
                               y = df$rating)

report <- c("b_Intercept[1]" = "thr[1]", "b_Intercept[2]" = "thr[2]", "b_Intercept[3]" = "thr[3]",
            b_x = "b_x", sd_g__Intercept = "tau")
