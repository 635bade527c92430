/** Welford's streaming mean and variance of each coordinate. */
export class DiagonalWelford {
  count = 0;
  private readonly mean: Float64Array;
  private readonly m2: Float64Array;

  constructor(readonly dimension: number) {
    this.mean = new Float64Array(dimension);
    this.m2 = new Float64Array(dimension);
  }

  restart(): void {
    this.count = 0;
    this.mean.fill(0);
    this.m2.fill(0);
  }

  add(x: Float64Array): void {
    this.count++;
    const { mean, m2 } = this;
    for (let i = 0; i < mean.length; i++) {
      const delta = x[i] - mean[i];
      mean[i] += delta / this.count;
      m2[i] += delta * (x[i] - mean[i]);
    }
  }

  /** Sample variances (divisor n - 1). */
  variance(): Float64Array {
    const out = new Float64Array(this.dimension);
    for (let i = 0; i < out.length; i++) out[i] = this.m2[i] / (this.count - 1);
    return out;
  }
}

/** Welford's streaming mean and covariance matrix. */
export class DenseWelford {
  count = 0;
  private readonly mean: Float64Array;
  private readonly m2: Float64Array;
  private readonly delta: Float64Array;

  constructor(readonly dimension: number) {
    this.mean = new Float64Array(dimension);
    this.m2 = new Float64Array(dimension * dimension);
    this.delta = new Float64Array(dimension);
  }

  restart(): void {
    this.count = 0;
    this.mean.fill(0);
    this.m2.fill(0);
  }

  add(x: Float64Array): void {
    this.count++;
    const { mean, m2, delta } = this;
    const d = this.dimension;
    for (let i = 0; i < d; i++) {
      delta[i] = x[i] - mean[i];
      mean[i] += delta[i] / this.count;
    }
    // m2 += (x - old mean)(x - new mean)'
    for (let i = 0; i < d; i++) {
      const di = delta[i];
      for (let j = 0; j < d; j++) m2[i * d + j] += di * (x[j] - mean[j]);
    }
  }

  /** Sample covariance (divisor n - 1), row-major, symmetrised. */
  covariance(): Float64Array {
    const d = this.dimension;
    const out = new Float64Array(d * d);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) out[i * d + j] = (0.5 * (this.m2[i * d + j] + this.m2[j * d + i])) / (this.count - 1);
    }
    return out;
  }
}
