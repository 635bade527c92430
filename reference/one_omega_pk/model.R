# one_omega_pk: 30 subjects x 10 sampling times (300 rows), one oral dose each (as Theoph).
# True values: lKe -2.5, lKa 0.5, lCl -3.2; sd(lKa) 0.4, sd(lCl) 0.25, cor 0.6; sigma 0.4.
seed <- 1201L

ssfol <- function(dose, t, lKe, lKa, lCl)
  dose * exp(lKe + lKa - lCl) * (exp(-exp(lKe) * t) - exp(-exp(lKa) * t)) / (exp(lKa) - exp(lKe))

simulate_data <- function() {
  J <- 30
  times <- c(0.25, 0.5, 1, 2, 3.5, 5, 7, 9, 12, 24)
  tau <- c(0.4, 0.25); rho <- 0.6
  Omega <- diag(tau) %*% matrix(c(1, rho, rho, 1), 2) %*% diag(tau)
  r <- matrix(rnorm(2 * J), J) %*% chol(Omega)
  dose <- round(runif(J, 3, 6), 2)
  df <- expand.grid(Time = times, Subject = seq_len(J))[, c("Subject", "Time")]
  df$Dose <- dose[df$Subject]
  f <- ssfol(df$Dose, df$Time, -2.5, 0.5 + r[df$Subject, 1], -3.2 + r[df$Subject, 2])
  df$conc <- round(f + rnorm(nrow(df), 0, 0.4), 3)
  df
}

stan_data <- function(df) list(N = nrow(df), J = max(df$Subject), g = df$Subject,
                               dose = df$Dose, time = df$Time, y = df$conc)

report <- c(
  b_lKe_Intercept = "b_lKe", b_lKa_Intercept = "b_lKa", b_lCl_Intercept = "b_lCl",
  sigma = "sigma",
  sd_Subject__lKa_Intercept = "tau[1]", sd_Subject__lCl_Intercept = "tau[2]",
  cor_Subject__lKa_Intercept__lCl_Intercept = "cor_lKa_lCl"
)

# Start every chain near the prior means: SSfol is symmetric in ke and ka (the flip-flop), and a
# chain started at random can settle in the mirror mode, which the priors make negligible.
init <- function() list(b_lKe = rnorm(1, -2.5, 0.1), b_lKa = rnorm(1, 0.5, 0.1),
                        b_lCl = rnorm(1, -3, 0.1))
