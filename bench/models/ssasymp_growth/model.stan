// ssasymp_growth: y ~ SSasymp(t, Asym, R0, lrc), Asym ~ 1 + (1 | g) (non-centred), the others ~ 1; gaussian residuals.
data { int<lower=1> N; int<lower=1> J; int<lower=1, upper=J> g[N]; vector[N] t; vector[N] y; }
parameters { real b_Asym; real b_R0; real b_lrc; real<lower=0> tau; real<lower=0> sigma; vector[J] z; }
model {
  vector[N] mu;
  b_Asym ~ normal(100, 30);
  b_R0 ~ normal(10, 10);
  b_lrc ~ normal(-1.5, 1);
  tau ~ normal(0, 20);
  sigma ~ normal(0, 6);
  z ~ std_normal();
  for (n in 1:N) {
    real Asym = b_Asym + tau * z[g[n]];
    real R0 = b_R0;
    real lrc = b_lrc;
    mu[n] = Asym + (R0 - Asym) * exp(-exp(lrc) * t[n]);
  }
  y ~ normal(mu, sigma);
}
