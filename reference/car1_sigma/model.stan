// car1_sigma: gaussian with heteroscedastic continuous-time AR(1) residuals on irregular times:
//   y ~ 1 + t + (1 | g),  sigma ~ 1 + t (log link),  e = y - mu,
//   Cov(e_i, e_j) = sigma_i sigma_j car1^|t_i - t_j| within a group (nlme's varFunc x corCAR1).
// Exact likelihood in sequential conditional form on u = e / sigma (rows sorted by g, then t; times
// distinct within a group): with phi = car1^(t_k - t_{k-1}),
//   u_1 ~ N(0, 1),  u_k | u_{k-1} ~ N(phi u_{k-1}, sqrt(1 - phi^2)),  log p(e) = log p(u) - sum log sigma.
data {
  int<lower=1> N;
  int<lower=1> J;
  int<lower=1, upper=J> g[N];        // sorted by group, then time
  vector[N] t;
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
  vector[2] b;                       // b_Intercept, b_t
  vector[2] bs;                      // b_sigma_Intercept, b_sigma_t
  real<lower=0, upper=1> car1;
  real<lower=0> tau;                 // sd_g__Intercept
  vector[J] z;
}
transformed parameters {
  vector[J] r = tau * z;             // r_g[j,Intercept]
}
model {
  vector[N] log_sigma = bs[1] + bs[2] * t;
  vector[N] u = (y - (b[1] + b[2] * t + r[g])) ./ exp(log_sigma);
  b ~ normal(0, 5);
  bs ~ normal(0, 1);
  car1 ~ uniform(0, 1);
  tau ~ normal(0, 2);                // half-normal
  z ~ std_normal();
  for (n in 1:N) {
    if (first[n]) target += normal_lpdf(u[n] | 0, 1);
    else {
      real phi = pow(car1, gap[n]);
      target += normal_lpdf(u[n] | phi * u[n - 1], sqrt(1 - square(phi)));
    }
  }
  target += -sum(log_sigma);         // Jacobian of e -> u: the density of e
}
