// negbinomial_glmm: y ~ 1 + x + (1 | g), NB2 with mean exp(eta) and shape (brms's negbinomial).
data { int<lower=1> N; int<lower=1> J; int<lower=1, upper=J> g[N]; vector[N] x; int<lower=0> y[N]; }
parameters { vector[2] beta; real<lower=0> shape; real<lower=0> tau; vector[J] z; }
model {
  beta ~ normal(0, 2.5);
  shape ~ gamma(2, 0.5);
  tau ~ normal(0, 1);
  z ~ std_normal();
  y ~ neg_binomial_2_log(beta[1] + beta[2] * x + tau * z[g], shape);
}
