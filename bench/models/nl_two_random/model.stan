// nl_two_random: y ~ a * exp(-b * t), a ~ 1 + (1 | g), b ~ 1 + (1 | g) (independent, non-centred).
data { int<lower=1> N; int<lower=1> J; int<lower=1, upper=J> g[N]; vector[N] t; vector[N] y; }
parameters { real b_a; real b_b; real<lower=0> tau_a; real<lower=0> tau_b; real<lower=0> sigma; vector[J] za; vector[J] zb; }
model {
  vector[N] a = b_a + tau_a * za[g];
  vector[N] b = b_b + tau_b * zb[g];
  b_a ~ normal(10, 5);
  b_b ~ normal(0.3, 0.2);
  tau_a ~ normal(0, 3);
  tau_b ~ normal(0, 0.2);
  sigma ~ normal(0, 2);
  za ~ std_normal();
  zb ~ std_normal();
  y ~ normal(a .* exp(-b .* t), sigma);
}
