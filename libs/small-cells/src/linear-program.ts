import { InternalError } from '@crm/kernel';
import solver from 'javascript-lp-solver';

/** A linear constraint over named non-negative variables: `Σ coefficient·variable` equal to, at least or at most. */
export interface LinearConstraint {
  readonly terms: ReadonlyMap<string, number>;
  readonly equal?: number;
  readonly min?: number;
  readonly max?: number;
}

/** A linear program's feasible set: non-negative variables (every variable is ≥ 0) and linear constraints. */
export interface LinearProgram {
  readonly variables: readonly string[];
  readonly constraints: readonly LinearConstraint[];
}

/** The optimum of one objective: its value and the variables' values there, or unbounded. */
export type Optimum =
  | { readonly bounded: true; readonly value: number; readonly at: ReadonlyMap<string, number> }
  | { readonly bounded: false };

const OBJECTIVE = 'objective';

function infeasible(): never {
  throw new InternalError('small_cells.infeasible_program', {
    es: 'Error interno del control de celdas pequeñas: el programa lineal no tiene solución, aunque los valores reales de la tabla lo satisfacen.',
    en: 'Internal fault of the small-cell control: the linear program has no solution, although the true values of the table satisfy it.',
  });
}

/**
 * Minimises or maximises `Σ objective[v]·v` over a program with javascript-lp-solver (simplex, floating point:
 * callers round to whole counts). Variable and constraint names are namespaced so that none can collide with
 * the solver's own result fields (`feasible`, `result`, `bounded`).
 */
export function optimise(
  program: LinearProgram,
  objective: ReadonlyMap<string, number>,
  direction: 'min' | 'max',
): Optimum {
  const variables: Record<string, Record<string, number>> = {};
  for (const name of program.variables) variables[`v:${name}`] = {};
  const constraints: Record<string, { equal?: number; min?: number; max?: number }> = {};
  program.constraints.forEach((constraint, k) => {
    const key = `k:${k}`;
    const { equal, min, max } = constraint;
    constraints[key] =
      equal !== undefined
        ? { equal }
        : { ...(min !== undefined && { min }), ...(max !== undefined && { max }) };
    for (const [name, coefficient] of constraint.terms) variables[`v:${name}`][key] = coefficient;
  });
  for (const [name, coefficient] of objective) variables[`v:${name}`][OBJECTIVE] = coefficient;
  const result = solver.Solve({ optimize: OBJECTIVE, opType: direction, constraints, variables }) as Record<
    string,
    number | boolean | undefined
  >;
  if (result.feasible !== true) infeasible();
  if (result.bounded === false || !Number.isFinite(result.result)) return { bounded: false };
  const at = new Map<string, number>();
  for (const name of program.variables) at.set(name, Number(result[`v:${name}`] ?? 0));
  return { bounded: true, value: Number(result.result), at };
}
