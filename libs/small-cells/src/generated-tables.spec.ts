import { seededRandom } from '@crm/kernel';
import { auditSuppression } from './audit';
import { intervalWidth } from './protection-intervals';
import { type PublishedCell, suppressSmallCells } from './suppress';
import { cellSystem, type LinearTable } from './table-model';
import { type CountMix, randomCount, randomTwoWay, REFERRAL_LIKE } from './testing/random-tables';
import { oneWayTable, twoWayTable } from './two-way-table';

const WIDTH = 10;

/** Every rule of README.md, checked on one result, partly without the library's own audit. */
function expectSafe(table: LinearTable, published: Readonly<Record<string, PublishedCell>>): void {
  const system = cellSystem(table);
  const hidden = new Set<number>();
  system.ids.forEach((id, cell) => {
    const out = published[id];
    if ('suppressed' in out) {
      hidden.add(cell);
      // Primary exactly when the cell's own count is from 1 to 9.
      expect(out.reason).toBe(system.values[cell] >= 1 && system.values[cell] <= 9 ? 'primary' : 'secondary');
    } else {
      expect(out.value).toBe(system.values[cell]);
      expect(out.value >= 1 && out.value <= 9).toBe(false);
    }
  });
  // No published total has exactly one hidden inner cell (it would be its total less the published ones).
  system.terms.forEach((terms, cell) => {
    if (cell >= system.innerCount && !hidden.has(cell)) {
      expect(terms.filter((inner) => hidden.has(inner)).length).not.toBe(1);
    }
  });
  const audit = auditSuppression(
    table,
    [...hidden].map((cell) => system.ids[cell]),
  );
  expect(audit.publishedBelowThreshold).toEqual([]);
  expect(audit.derivable).toEqual([]);
  expect(audit.underProtected).toEqual([]);
  for (const cell of audit.cells) {
    if (cell.interval === undefined) continue;
    const { min, max } = cell.interval;
    expect(min <= cell.value && (max === null || cell.value <= max)).toBe(true);
    expect(intervalWidth(cell.interval)).toBeGreaterThanOrEqual(cell.status === 'primary' ? WIDTH : 1);
  }
}

function checkMany(tables: readonly LinearTable[]): { primary: number; secondary: number } {
  let primary = 0;
  let secondary = 0;
  for (const table of tables) {
    const result = suppressSmallCells(table);
    expectSafe(table, result.published);
    expect(suppressSmallCells(table).published).toEqual(result.published);
    for (const cell of Object.values(result.published)) {
      if (!('suppressed' in cell)) continue;
      if (cell.reason === 'primary') primary++;
      else secondary++;
    }
  }
  return { primary, secondary };
}

describe('generated tables (seeded)', () => {
  it('two-way tables up to 6x6: nothing from 1 to 9 published, nothing derivable, every interval wide enough', () => {
    const random = seededRandom(20170101);
    const tables = Array.from({ length: 120 }, () =>
      twoWayTable(randomTwoWay(random, 1 + Math.floor(random() * 6), 1 + Math.floor(random() * 6))),
    );
    const counted = checkMany(tables);
    expect(counted.primary).toBeGreaterThan(500);
    expect(counted.secondary).toBeGreaterThan(100);
  });

  it('one-way tables and tables of mostly small counts', () => {
    const random = seededRandom(20221231);
    const mostlySmall: CountMix = { zeros: 0.2, small: 0.6, spread: 30 };
    const tables = [
      ...Array.from({ length: 60 }, () => {
        const size = 1 + Math.floor(random() * 8);
        const categories = Array.from({ length: size }, (_, i) => `s${i}`);
        return oneWayTable(
          categories,
          categories.map(() => randomCount(random, REFERRAL_LIKE)),
        );
      }),
      ...Array.from({ length: 40 }, () =>
        twoWayTable(randomTwoWay(random, 2 + Math.floor(random() * 4), 3, mostlySmall)),
      ),
    ];
    expect(checkMany(tables).primary).toBeGreaterThan(200);
  });

  it('country × country tables of the network (12 x 12)', () => {
    const random = seededRandom(2020);
    checkMany(Array.from({ length: 4 }, () => twoWayTable(randomTwoWay(random, 12, 12))));
  });
});
