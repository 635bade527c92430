/**
 * Nesterov dual averaging of log step size towards a target mean acceptance statistic
 * (Hoffman & Gelman 2014, with Stan's constants).
 */
export class DualAveraging {
  private counter = 0;
  private sBar = 0;
  private xBar = 0;
  private mu = 0;
  /** exp(x): the step size to use for the next transition. */
  stepSize = 1;

  constructor(
    readonly delta: number,
    readonly gamma = 0.05,
    readonly t0 = 10,
    readonly kappa = 0.75,
  ) {}

  /** Starts over, shrinking log step size towards mu = log(10 * stepSize). */
  restart(stepSize: number): void {
    this.counter = 0;
    this.sBar = 0;
    this.xBar = 0;
    this.mu = Math.log(10 * stepSize);
  }

  /** Feeds one transition's acceptance statistic; returns the new step size exp(x). */
  learn(acceptStat: number): number {
    this.counter++;
    const a = acceptStat > 1 ? 1 : acceptStat;
    const eta = 1 / (this.counter + this.t0);
    this.sBar = (1 - eta) * this.sBar + eta * (this.delta - a);
    const x = this.mu - (this.sBar * Math.sqrt(this.counter)) / this.gamma;
    // counter^-kappa from exp and log, which agree across engines (`**` does not: issue 15)
    const xEta = Math.exp(-this.kappa * Math.log(this.counter));
    this.xBar = (1 - xEta) * this.xBar + xEta * x;
    this.stepSize = Math.exp(x);
    return this.stepSize;
  }

  /** exp(x_bar): the step size kept for sampling. */
  get finalStepSize(): number {
    return Math.exp(this.xBar);
  }
}
