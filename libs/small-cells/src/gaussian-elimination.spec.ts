import { auditSuppression } from './audit';
import { cellVector, derivableCells, SpanBasis } from './gaussian-elimination';
import { cellSystem } from './table-model';
import { TOTAL, twoWayCellId, twoWayTable } from './two-way-table';

describe('Gaussian elimination (exact)', () => {
  it('tells a vector in the span of the published cells from one outside it', () => {
    const basis = new SpanBasis();
    expect(basis.add(cellVector([0, 1, 2]))).toBe(true); // a + b + c
    expect(basis.add(cellVector([0, 1]))).toBe(true); // a + b
    expect(basis.contains(cellVector([2]))).toBe(true); // c = (a + b + c) − (a + b)
    expect(basis.contains(cellVector([0]))).toBe(false);
    expect(basis.add(cellVector([2]))).toBe(false); // already in the span
  });

  it('uses exact integers: a dependency through large coefficients is neither missed nor invented', () => {
    const basis = new SpanBasis();
    basis.add(
      new Map([
        [0, 3n],
        [1, 7n],
      ]),
    );
    basis.add(
      new Map([
        [1, 11n],
        [2, 13n],
      ]),
    );
    // 11·(3a + 7b) − 7·(11b + 13c) = 33a − 91c
    expect(
      basis.contains(
        new Map([
          [0, 33n],
          [2, -91n],
        ]),
      ),
    ).toBe(true);
    expect(
      basis.contains(
        new Map([
          [0, 33n],
          [2, -90n],
        ]),
      ),
    ).toBe(false);
  });

  it('finds a cell derivable through a combination of rows and columns that the naive rule (≥ 2 hidden per line) passes', () => {
    const rows = ['A', 'B', 'C'];
    const columns = ['X', 'Y', 'Z'];
    const table = twoWayTable({
      rows,
      columns,
      counts: [
        [20, 30, 40],
        [50, 60, 70],
        [80, 90, 15],
      ],
    });
    // Two blocks that are each safe (a rectangle of inner cells, and C|Z with its margins up to the grand
    // total) joined by one more cell, A|Z: every row and column of the table with its margins has at least
    // two hidden cells, yet A|Z = A|* + B|* − *|X − *|Y − B|Z + C|X + C|Y.
    const hidden = ['A|X', 'A|Y', 'B|X', 'B|Y', 'C|Z', 'C|*', '*|Z', '*|*', 'A|Z'];
    const lines = [
      ...[...rows, TOTAL].map((row) => [...columns, TOTAL].map((column) => twoWayCellId(row, column))),
      ...[...columns, TOTAL].map((column) => [...rows, TOTAL].map((row) => twoWayCellId(row, column))),
    ];
    for (const line of lines) expect(line.filter((id) => hidden.includes(id)).length).not.toBe(1);

    const system = cellSystem(table);
    const derivable = derivableCells(system, new Set(hidden.map((id) => system.indexOf.get(id) as number)));
    expect(derivable.map((cell) => system.ids[cell])).toEqual(['A|Z']);

    // The LP audit agrees: A|Z is pinned to its true value; the two safe blocks are not.
    const audit = auditSuppression(table, hidden);
    expect(audit.derivable).toEqual(['A|Z']);
    expect(audit.cells.find((cell) => cell.id === 'A|Z')?.interval).toEqual({ min: 40, max: 40 });
    expect(audit.underProtected).toEqual(['A|Z']);
  });
});
