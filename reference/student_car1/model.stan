// student_car1: student-t with continuous-time AR(1) residuals on irregular times, as brms's student
// family with autocor: within group g the residual vector is multivariate t,
//   e_g ~ multi_student_t(nu, 0, Sigma_g),  Sigma_g[i, j] = sigma^2 car1^|t_i - t_j|,
// groups independent. Written with the dense scale matrix per group (an independent check of
// Strata's sequential O(n) form).
data {
  int<lower=1> N;
  int<lower=1> J;
  int<lower=1, upper=J> g[N];        // sorted by group, then time
  vector[N] t;
  vector[N] x;
  vector[N] y;
  int<lower=1> start[J];             // first row of group j
  int<lower=1> len[J];               // its number of rows
}
parameters {
  vector[2] b;                       // b_Intercept, b_x
  real<lower=0> sigma;
  real<lower=1> nu;
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
  nu ~ gamma(2, 0.1);
  car1 ~ uniform(0, 1);
  tau ~ normal(0, 2);                // half-normal
  z ~ std_normal();
  for (j in 1:J) {
    int n = len[j];
    matrix[n, n] S;
    vector[n] tj = segment(t, start[j], n);
    for (a in 1:n) for (c in 1:n) S[a, c] = square(sigma) * pow(car1, fabs(tj[a] - tj[c]));
    segment(e, start[j], n) ~ multi_student_t(nu, rep_vector(0, n), S);
  }
}
