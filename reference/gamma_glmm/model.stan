// gamma_glmm: gamma GLMM with log link, as brms's gamma family:
//   y ~ 1 + x + (1 | g),  mu = exp(eta),  y ~ Gamma(shape, rate = shape / mu)   (mean mu)
data {
  int<lower=1> N;
  int<lower=1> J;
  int<lower=1, upper=J> g[N];
  vector[N] x;
  vector<lower=0>[N] y;
}
parameters {
  vector[2] b;                       // b_Intercept, b_x
  real<lower=0> shape;
  real<lower=0> tau;                 // sd_g__Intercept
  vector[J] z;
}
transformed parameters {
  vector[J] r = tau * z;             // r_g[j,Intercept]
}
model {
  vector[N] mu = exp(b[1] + b[2] * x + r[g]);
  b ~ normal(0, 5);
  shape ~ gamma(2, 0.5);
  tau ~ normal(0, 1);                // half-normal
  z ~ std_normal();
  y ~ gamma(shape, shape ./ mu);
}
