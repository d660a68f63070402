/**
 * An intruder's audit of a published aggregate table, written apart from @crm/small-cells (only the same LP
 * solver package): from the PUBLISHED response alone — its labels, its published counts, the documented
 * meaning of its totals — the smallest and largest count every hidden cell can take, by two linear programs
 * per cell over the hidden inner cells (each ≥ 0), subject to every published total.
 */
import solver from 'javascript-lp-solver';
import type { PublishedCount, PublishedTable } from '../views/aggregates';

export interface IntruderInterval {
  id: string;
  min: number;
  /** null: no upper bound. */
  max: number | null;
}

const TOTAL = '*';
const SLACK = 1e-6;

/** The documented structure of a published table: every cell id with the inner cell ids it sums. */
export function tableStructure(table: PublishedTable): { inner: string[]; sums: Map<string, string[]> } {
  const sums = new Map<string, string[]>();
  if (table.shape === 'one-way') {
    const categories = table.categories ?? [];
    for (const c of categories) sums.set(c, [c]);
    sums.set(TOTAL, [...categories]);
    return { inner: [...categories], sums };
  }
  const rows = table.rows ?? [];
  const columns = table.columns ?? [];
  const id = (r: string, c: string) => `${r}|${c}`;
  const inner = rows.flatMap((r) => columns.map((c) => id(r, c)));
  for (const cell of inner) sums.set(cell, [cell]);
  for (const r of rows)
    sums.set(
      id(r, TOTAL),
      columns.map((c) => id(r, c)),
    );
  for (const c of columns)
    sums.set(
      id(TOTAL, c),
      rows.map((r) => id(r, c)),
    );
  sums.set(id(TOTAL, TOTAL), inner);
  return { inner, sums };
}

const valueOf = (cell: PublishedCount | undefined): number | null =>
  cell && 'value' in cell ? cell.value : null;

/** The interval of every hidden cell (inner or total) of `table`, as the published values alone allow. */
export function intruderIntervals(table: PublishedTable): IntruderInterval[] {
  const { inner, sums } = tableStructure(table);
  const hiddenInner = new Set(inner.filter((id) => valueOf(table.cells[id]) === null));
  const known = (ids: string[]) => ids.reduce((s, id) => s + (valueOf(table.cells[id]) ?? 0), 0);
  const variables: Record<string, Record<string, number>> = {};
  for (const id of hiddenInner) variables[`x:${id}`] = {};
  const constraints: Record<string, { equal: number }> = {};
  let k = 0;
  for (const [id, members] of sums) {
    const value = valueOf(table.cells[id]);
    const hidden = members.filter((m) => hiddenInner.has(m));
    if (value === null || members.length === 1 || hidden.length === 0) continue;
    const name = `c${k++}`;
    constraints[name] = { equal: value - known(members) };
    for (const m of hidden) variables[`x:${m}`][name] = 1;
  }
  const out: IntruderInterval[] = [];
  for (const [id, members] of sums) {
    if (valueOf(table.cells[id]) !== null) continue;
    const hidden = members.filter((m) => hiddenInner.has(m));
    const base = known(members);
    const solve = (opType: 'min' | 'max') => {
      const vars = Object.fromEntries(
        Object.entries(variables).map(([v, coefficients]) => [
          v,
          { ...coefficients, objective: hidden.includes(v.slice(2)) ? 1 : 0 },
        ]),
      );
      const result = solver.Solve({ optimize: 'objective', opType, constraints, variables: vars }) as Record<
        string,
        unknown
      >;
      if (result.feasible !== true) throw new Error(`the published table ${id} is infeasible`);
      if (result.bounded === false || !Number.isFinite(result.result)) return null;
      return Number(result.result);
    };
    const low = solve('min');
    const high = solve('max');
    out.push({
      id,
      min: base + Math.max(0, Math.ceil((low ?? 0) - SLACK)),
      max: high === null ? null : base + Math.floor(high + SLACK),
    });
  }
  return out;
}
