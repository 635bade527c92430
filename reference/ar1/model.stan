// ar1: gaussian with AR(1) residuals within each group, in time order, as brms
// ar(time = t, gr = g, p = 1, cov = TRUE):
//   y ~ 1 + x + (1 | g),  e = y - mu,  Cov(e_i, e_j) = sigma^2 ar^|i-j| / (1 - ar^2)
// (sigma is the innovation sd; i, j count the group's observations in time order).
// Exact likelihood in sequential conditional form (rows sorted by g, then t):
//   e_1 ~ N(0, sigma / sqrt(1 - ar^2)),  e_k | e_{k-1} ~ N(ar e_{k-1}, sigma).
data {
  int<lower=1> N;
  int<lower=1> J;
  int<lower=1, upper=J> g[N];        // sorted by group, then time
  vector[N] x;
  vector[N] y;
}
transformed data {
  int first[N];                      // 1 if row n opens its group
  for (n in 1:N) first[n] = (n == 1 || g[n] != g[n - 1]);
}
parameters {
  vector[2] b;                       // b_Intercept, b_x
  real<lower=0> sigma;
  real<lower=-1, upper=1> ar;        // ar[1]
  real<lower=0> tau;                 // sd_g__Intercept
  vector[J] z;
}
transformed parameters {
  vector[J] r = tau * z;             // r_g[j,Intercept]
}
model {
  vector[N] e = y - (b[1] + b[2] * x + r[g]);
  real sd_first = sigma / sqrt(1 - square(ar));
  b ~ normal(0, 5);
  sigma ~ normal(0, 2);              // half-normal
  ar ~ normal(0, 0.5);               // on (-1, 1)
  tau ~ normal(0, 2);                // half-normal
  z ~ std_normal();
  for (n in 1:N) {
    if (first[n]) e[n] ~ normal(0, sd_first);
    else e[n] ~ normal(ar * e[n - 1], sigma);
  }
}
