// cumulative_ri: cumulative logit ordinal model with random intercepts, as brms's cumulative
// family with center = FALSE:
//   rating ~ 1 + x + (1 | g),  categories 1..K,  eta = b_x x + r_g (no plain intercept)
//   P(rating <= k) = inv_logit(thr_k - eta),  thr = b_Intercept[1..K-1] ordered
// (Stan's ordered_logistic(eta, thr) is exactly this.)
data {
  int<lower=1> N;
  int<lower=1> J;
  int<lower=2> K;
  int<lower=1, upper=J> g[N];
  vector[N] x;
  int<lower=1, upper=K> y[N];
}
parameters {
  ordered[K - 1] thr;                // b_Intercept[1..K-1]
  real b_x;
  real<lower=0> tau;                 // sd_g__Intercept
  vector[J] z;
}
transformed parameters {
  vector[J] r = tau * z;             // r_g[j,Intercept]
}
model {
  thr ~ normal(0, 5);
  b_x ~ normal(0, 2);
  tau ~ normal(0, 2);                // half-normal
  z ~ std_normal();
  y ~ ordered_logistic(b_x * x + r[g], thr);
}
