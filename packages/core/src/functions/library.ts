import type { NlFunction } from './types.js';
import { SSfpl, SSlogis } from './logistic.js';
import { Richards } from './richards.js';
import { SSgompertz } from './gompertz.js';
import { SSweibull } from './weibull.js';
import { SSasymp, SSasympOff, SSasympOrig } from './asymptotic.js';
import { SSbiexp } from './biexp.js';
import { SSfol } from './fol.js';
import { SSmicmen } from './micmen.js';
import { vonBertalanffy } from './vonBertalanffy.js';

/** The built-in growth and pharmacokinetic library (always registered, cannot be unregistered). */
export const LIBRARY: readonly NlFunction[] = [
  SSlogis,
  SSfpl,
  SSgompertz,
  SSweibull,
  SSasymp,
  SSasympOff,
  SSasympOrig,
  SSbiexp,
  SSfol,
  SSmicmen,
  Richards,
  vonBertalanffy,
];
