// zip_glmm: zero-inflated Poisson GLMM, as brms's zero_inflated_poisson (zi constant):
//   count ~ 1 + x + (1 | g),  lambda = exp(eta),  zi = probability of a structural zero
//   P(0) = zi + (1 - zi) exp(-lambda),  P(k > 0) = (1 - zi) Poisson(k | lambda)
data {
  int<lower=1> N;
  int<lower=1> J;
  int<lower=1, upper=J> g[N];
  vector[N] x;
  int<lower=0> y[N];
}
parameters {
  vector[2] b;                       // b_Intercept, b_x
  real<lower=0, upper=1> zi;
  real<lower=0> tau;                 // sd_g__Intercept
  vector[J] z;
}
transformed parameters {
  vector[J] r = tau * z;             // r_g[j,Intercept]
}
model {
  vector[N] eta = b[1] + b[2] * x + r[g];
  b ~ normal(0, 5);
  zi ~ uniform(0, 1);
  tau ~ normal(0, 1);                // half-normal
  z ~ std_normal();
  for (n in 1:N) {
    if (y[n] == 0)
      target += log_sum_exp(log(zi), log1m(zi) + poisson_log_lpmf(0 | eta[n]));
    else
      target += log1m(zi) + poisson_log_lpmf(y[n] | eta[n]);
  }
}
