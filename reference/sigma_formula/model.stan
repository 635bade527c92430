// sigma_formula: gaussian with a distributional formula for sigma (log link), as brms
//   y ~ 1 + x + (1 | g),   sigma ~ 1 + x + (1 | g)
// Without an ID the mu and sigma intercepts of g are two separate blocks (as brms):
// r_g[j] ~ N(0, tau^2), r_g__sigma[j] ~ N(0, tau_sigma^2), independent; both non-centred.
data {
  int<lower=1> N;
  int<lower=1> J;
  int<lower=1, upper=J> g[N];
  vector[N] x;
  vector[N] y;
}
parameters {
  vector[2] b;                       // b_Intercept, b_x
  vector[2] b_sigma;                 // b_sigma_Intercept, b_sigma_x
  real<lower=0> tau;                 // sd_g__Intercept
  real<lower=0> tau_sigma;           // sd_g__sigma_Intercept
  vector[J] z;
  vector[J] z_sigma;
}
transformed parameters {
  vector[J] r = tau * z;                     // r_g[j,Intercept]
  vector[J] r_sigma = tau_sigma * z_sigma;   // r_g__sigma[j,Intercept]
}
model {
  vector[N] mu = b[1] + b[2] * x + r[g];
  vector[N] sigma = exp(b_sigma[1] + b_sigma[2] * x + r_sigma[g]);
  b ~ normal(0, 5);
  b_sigma ~ normal(0, 1);
  tau ~ normal(0, 2);                // half-normal
  tau_sigma ~ normal(0, 1);          // half-normal
  z ~ std_normal();
  z_sigma ~ std_normal();
  y ~ normal(mu, sigma);
}
