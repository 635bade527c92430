// combined_error: one-compartment oral PK with combined additive + proportional residual error
// (pharmacometrics), spec "error": "combined":
//   conc ~ SSfol(Dose, Time, lKe, lKa, lCl),  lKe ~ 1,  lKa ~ 1,  lCl ~ 1 + (1 | Subject)
//   conc_ij ~ N(f_ij, sd_ij),  sd_ij = sqrt(sigma^2 + (sigma_prop * f_ij)^2)
functions {
  // R's stats::SSfol(Dose, input, lKe, lKa, lCl)
  real ssfol(real dose, real t, real lKe, real lKa, real lCl) {
    return dose * exp(lKe + lKa - lCl) * (exp(-exp(lKe) * t) - exp(-exp(lKa) * t))
           / (exp(lKa) - exp(lKe));
  }
}
data {
  int<lower=1> N;
  int<lower=1> J;
  int<lower=1, upper=J> g[N];
  vector[N] dose;
  vector[N] time;
  vector[N] y;
}
parameters {
  real b_lKe;                        // b_lKe_Intercept
  real b_lKa;                        // b_lKa_Intercept
  real b_lCl;                        // b_lCl_Intercept
  real<lower=0> sigma;               // additive sd
  real<lower=0> sigma_prop;          // proportional sd (a fraction of f)
  real<lower=0> tau;                 // sd_Subject__lCl_Intercept
  vector[J] z;
}
transformed parameters {
  vector[J] r = tau * z;             // r_Subject__lCl[j,Intercept]
}
model {
  vector[N] f;
  for (n in 1:N) f[n] = ssfol(dose[n], time[n], b_lKe, b_lKa, b_lCl + r[g[n]]);
  b_lKe ~ normal(-2.5, 0.5);
  b_lKa ~ normal(0.5, 0.5);
  b_lCl ~ normal(-3, 0.5);
  sigma ~ normal(0, 1);              // half-normal
  sigma_prop ~ normal(0, 0.5);       // half-normal
  tau ~ normal(0, 1);                // half-normal
  z ~ std_normal();
  y ~ normal(f, sqrt(square(sigma) + square(sigma_prop * f)));
}
