// censored_pk: one-compartment oral PK with values below the quantification limit (the M3 method):
//   conc | cens(cens) ~ SSfol(Dose, Time, lKe, lKa, lCl),  lKe ~ 1,  lKa ~ 1,  lCl ~ 1 + (1 | Subject)
// An observed row contributes normal_lpdf(conc | f, sigma); a row with cens "left" holds the LOQ
// in conc and contributes log P(conc* <= LOQ) = normal_lcdf(LOQ | f, sigma), as brms.
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
  vector[N] y;                       // conc (the LOQ where censored)
  int<lower=0, upper=1> left[N];     // 1 where cens is "left"
}
parameters {
  real b_lKe;                        // b_lKe_Intercept
  real b_lKa;                        // b_lKa_Intercept
  real b_lCl;                        // b_lCl_Intercept
  real<lower=0> sigma;
  real<lower=0> tau;                 // sd_Subject__lCl_Intercept
  vector[J] z;
}
transformed parameters {
  vector[J] r = tau * z;             // r_Subject__lCl[j,Intercept]
}
model {
  b_lKe ~ normal(-2.5, 0.5);
  b_lKa ~ normal(0.5, 0.5);
  b_lCl ~ normal(-3, 0.5);
  sigma ~ normal(0, 1);              // half-normal
  tau ~ normal(0, 1);                // half-normal
  z ~ std_normal();
  for (n in 1:N) {
    real f = ssfol(dose[n], time[n], b_lKe, b_lKa, b_lCl + r[g[n]]);
    if (left[n]) target += normal_lcdf(y[n] | f, sigma);
    else target += normal_lpdf(y[n] | f, sigma);
  }
}
