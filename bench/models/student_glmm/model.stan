// student_glmm: y ~ 1 + x + (1 | g), student-t residuals (nu > 1 as brms).
data { int<lower=1> N; int<lower=1> J; int<lower=1, upper=J> g[N]; vector[N] x; vector[N] y; }
parameters { vector[2] beta; real<lower=0> sigma; real<lower=1> nu; real<lower=0> tau; vector[J] z; }
model {
  beta ~ normal(0, 5);
  sigma ~ normal(0, 2);
  nu ~ gamma(2, 0.1);
  tau ~ normal(0, 2);
  z ~ std_normal();
  y ~ student_t(nu, beta[1] + beta[2] * x + tau * z[g], sigma);
}
