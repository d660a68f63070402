import { seededRandom } from '@crm/kernel';
import { publicationOrder } from './cell-preference';
import { derivableCells } from './gaussian-elimination';
import { primarySuppression } from './primary';
import { gaussianSecondary } from './secondary-gaussian';
import { cellSystem } from './table-model';
import { randomTwoWay } from './testing/random-tables';
import { twoWayTable } from './two-way-table';

describe('secondary suppression by Gaussian elimination', () => {
  it('hides the three other inner cells of a 2x2 around one small cell, keeping the margins', () => {
    const system = cellSystem(
      twoWayTable({
        rows: ['A', 'B'],
        columns: ['X', 'Y'],
        counts: [
          [5, 20],
          [30, 40],
        ],
      }),
    );
    const secondary = gaussianSecondary(system, primarySuppression(system, 10));
    expect(secondary.map((cell) => system.ids[cell])).toEqual(['A|Y', 'B|X', 'B|Y']);
  });

  it('publishes zeros first, then larger counts first, totals before their parts on equal counts', () => {
    const system = cellSystem(
      twoWayTable({
        rows: ['A', 'B'],
        columns: ['X', 'Y'],
        counts: [
          [0, 20],
          [20, 5],
        ],
      }),
    );
    expect(publicationOrder(system, system.ids.keys()).map((cell) => system.ids[cell])).toEqual([
      'A|X',
      '*|*',
      'B|*',
      '*|Y',
      'A|*',
      '*|X',
      'A|Y',
      'B|X',
      'B|Y',
    ]);
  });

  it('on generated tables leaves no hidden cell derivable, and never hides a zero', () => {
    const random = seededRandom(19940301);
    let hiddenTotal = 0;
    for (let round = 0; round < 80; round++) {
      const system = cellSystem(
        twoWayTable(randomTwoWay(random, 1 + Math.floor(random() * 5), 1 + Math.floor(random() * 5))),
      );
      const primary = primarySuppression(system, 10);
      const secondary = gaussianSecondary(system, primary);
      expect(derivableCells(system, new Set([...primary, ...secondary]))).toEqual([]);
      expect(secondary.filter((cell) => system.values[cell] === 0)).toEqual([]);
      // Minimal in its own sense: publishing any one secondary cell again would give a cell away.
      for (const cell of secondary) {
        const fewer = new Set([...primary, ...secondary].filter((other) => other !== cell));
        expect(derivableCells(system, fewer).length).toBeGreaterThan(0);
      }
      hiddenTotal += secondary.length;
    }
    expect(hiddenTotal).toBeGreaterThan(50);
  });
});
