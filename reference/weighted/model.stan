// weighted: gaussian multilevel model with observation weights, as brms's weights():
//   y | weights(w) ~ 1 + x + (1 | g),  target += w_n * normal_lpdf(y_n | mu_n, sigma)
data {
  int<lower=1> N;
  int<lower=1> J;
  int<lower=1, upper=J> g[N];
  vector[N] x;
  vector[N] y;
  vector<lower=0>[N] w;
}
parameters {
  vector[2] b;                       // b_Intercept, b_x
  real<lower=0> sigma;
  real<lower=0> tau;                 // sd_g__Intercept
  vector[J] z;
}
transformed parameters {
  vector[J] r = tau * z;             // r_g[j,Intercept]
}
model {
  vector[N] mu = b[1] + b[2] * x + r[g];
  b ~ normal(0, 5);
  sigma ~ normal(0, 2);              // half-normal
  tau ~ normal(0, 2);                // half-normal
  z ~ std_normal();
  for (n in 1:N) target += w[n] * normal_lpdf(y[n] | mu[n], sigma);
}
