// sslogis_growth: y ~ SSlogis(t, Asym, xmid, scal), Asym ~ 1 + (1 | g) (non-centred), the others ~ 1; gaussian residuals.
data { int<lower=1> N; int<lower=1> J; int<lower=1, upper=J> g[N]; vector[N] t; vector[N] y; }
parameters { real b_Asym; real b_xmid; real b_scal; real<lower=0> tau; real<lower=0> sigma; vector[J] z; }
model {
  vector[N] mu;
  b_Asym ~ normal(200, 50);
  b_xmid ~ normal(700, 200);
  b_scal ~ normal(350, 100);
  tau ~ normal(0, 60);
  sigma ~ normal(0, 20);
  z ~ std_normal();
  for (n in 1:N) {
    real Asym = b_Asym + tau * z[g[n]];
    real xmid = b_xmid;
    real scal = b_scal;
    mu[n] = Asym / (1 + exp((xmid - t[n]) / scal));
  }
  y ~ normal(mu, sigma);
}
