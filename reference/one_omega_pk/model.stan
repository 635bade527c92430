// one_omega_pk: one-compartment oral PK with ONE correlated random-effect block across two
// nonlinear parameters (the full Omega of stage 2).
//   conc ~ SSfol(Dose, Time, lKe, lKa, lCl)
//   lKe ~ 1;  lKa ~ 1 + (1 | p | Subject);  lCl ~ 1 + (1 | p | Subject)
// (r_lKa, r_lCl)_j ~ N(0, Omega), Omega = diag(tau) R diag(tau), non-centred: r = diag(tau) L z.
functions {
  // R's stats::SSfol(Dose, input, lKe, lKa, lCl)
  real ssfol(real dose, real t, real lKe, real lKa, real lCl) {
    return dose * exp(lKe + lKa - lCl) * (exp(-exp(lKe) * t) - exp(-exp(lKa) * t))
           / (exp(lKa) - exp(lKe));
  }
}
data {
  int<lower=1> N;
  int<lower=1> J;                    // subjects
  int<lower=1, upper=J> g[N];        // subject of each row
  vector[N] dose;
  vector[N] time;
  vector[N] y;                       // conc
}
parameters {
  real b_lKe;                        // b_lKe_Intercept
  real b_lKa;                        // b_lKa_Intercept
  real b_lCl;                        // b_lCl_Intercept
  real<lower=0> sigma;
  vector<lower=0>[2] tau;            // sd_Subject__lKa_Intercept, sd_Subject__lCl_Intercept
  cholesky_factor_corr[2] L;         // Cholesky factor of R
  matrix[2, J] z;
}
transformed parameters {
  // column 1: r_Subject__lKa[j,Intercept], column 2: r_Subject__lCl[j,Intercept]
  matrix[J, 2] r = (diag_pre_multiply(tau, L) * z)';
}
model {
  vector[N] f;
  for (n in 1:N)
    f[n] = ssfol(dose[n], time[n], b_lKe, b_lKa + r[g[n], 1], b_lCl + r[g[n], 2]);
  b_lKe ~ normal(-2.5, 0.5);
  b_lKa ~ normal(0.5, 0.5);
  b_lCl ~ normal(-3, 0.5);
  sigma ~ normal(0, 1);              // half-normal (lower bound 0)
  tau ~ normal(0, 1);                // half-normal
  L ~ lkj_corr_cholesky(2);
  to_vector(z) ~ std_normal();
  y ~ normal(f, sigma);
}
generated quantities {
  // cor_Subject__lKa_Intercept__lCl_Intercept = (L L')[1,2]
  real cor_lKa_lCl = multiply_lower_tri_self_transpose(L)[1, 2];
}
