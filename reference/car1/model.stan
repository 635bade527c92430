// car1: gaussian with continuous-time AR(1) residuals on irregular times, as nlme's corCAR1:
//   y ~ 1 + x + (1 | g),  e = y - mu,  Cov(e_i, e_j) = sigma^2 car1^|t_i - t_j|
// within a group (sigma is the marginal sd). Exact likelihood in sequential conditional form
// (rows sorted by g, then t; times distinct within a group): with phi = car1^(t_k - t_{k-1}),
//   e_1 ~ N(0, sigma),  e_k | e_{k-1} ~ N(phi e_{k-1}, sigma sqrt(1 - phi^2)).
data {
  int<lower=1> N;
  int<lower=1> J;
  int<lower=1, upper=J> g[N];        // sorted by group, then time
  vector[N] t;
  vector[N] x;
  vector[N] y;
}
transformed data {
  int first[N];                      // 1 if row n opens its group
  vector[N] gap = rep_vector(0, N);  // t_k - t_{k-1} within the group
  for (n in 1:N) {
    first[n] = (n == 1 || g[n] != g[n - 1]);
    if (!first[n]) gap[n] = t[n] - t[n - 1];
  }
}
parameters {
  vector[2] b;                       // b_Intercept, b_x
  real<lower=0> sigma;
  real<lower=0, upper=1> car1;
  real<lower=0> tau;                 // sd_g__Intercept
  vector[J] z;
}
transformed parameters {
  vector[J] r = tau * z;             // r_g[j,Intercept]
}
model {
  vector[N] e = y - (b[1] + b[2] * x + r[g]);
  b ~ normal(0, 5);
  sigma ~ normal(0, 2);              // half-normal
  car1 ~ uniform(0, 1);
  tau ~ normal(0, 2);                // half-normal
  z ~ std_normal();
  for (n in 1:N) {
    if (first[n]) e[n] ~ normal(0, sigma);
    else {
      real phi = pow(car1, gap[n]);
      e[n] ~ normal(phi * e[n - 1], sigma * sqrt(1 - square(phi)));
    }
  }
}
