// binomial_crossed: y | trials(n) ~ 1 + x + (1 | a) + (1 | b), logit link, non-centred effects.
data {
  int<lower=1> N; int<lower=1> Ja; int<lower=1> Jb;
  int<lower=1, upper=Ja> a[N]; int<lower=1, upper=Jb> b[N];
  vector[N] x; int<lower=0> n[N]; int<lower=0> y[N];
}
parameters { vector[2] beta; real<lower=0> tau_a; real<lower=0> tau_b; vector[Ja] za; vector[Jb] zb; }
model {
  beta ~ normal(0, 2.5);
  tau_a ~ normal(0, 1);
  tau_b ~ normal(0, 1);
  za ~ std_normal();
  zb ~ std_normal();
  y ~ binomial_logit(n, beta[1] + beta[2] * x + tau_a * za[a] + tau_b * zb[b]);
}
