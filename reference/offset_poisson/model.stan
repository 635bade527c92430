// offset_poisson: Poisson GLMM with an exposure offset (coefficient 1 on log exposure):
//   count ~ 1 + x + offset(log_exposure) + (1 | g),  count ~ Poisson(exp(eta))
data {
  int<lower=1> N;
  int<lower=1> J;
  int<lower=1, upper=J> g[N];
  vector[N] x;
  vector[N] log_exposure;
  int<lower=0> y[N];
}
parameters {
  vector[2] b;                       // b_Intercept, b_x
  real<lower=0> tau;                 // sd_g__Intercept
  vector[J] z;
}
transformed parameters {
  vector[J] r = tau * z;             // r_g[j,Intercept]
}
model {
  b ~ normal(0, 5);
  tau ~ normal(0, 1);                // half-normal
  z ~ std_normal();
  y ~ poisson_log(b[1] + b[2] * x + log_exposure + r[g]);
}
