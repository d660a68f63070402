import { randomBytes, randomInt } from 'node:crypto';

/**
 * THE fixture of the referral tests' children (one module, so a scan knows what to look for): every test child
 * whose identifying data goes through the real service (the HTTP e2e specs of services/referrals/test, the Kafka
 * e2e, the bench, the plaintext scan) is made here.
 *
 * Every free-text identifying string of a test child (given names, family names, a family contact's name, the
 * notes) contains TEST_CHILD_MARKER, an ASCII token no real data and no generated id contains. A scan of what a
 * test run produced (Kafka messages, log lines) that runs in another process than the spec that made the child,
 * and so cannot know its random strings, looks for the marker; a scan in the same process also looks for every
 * exact string (`strings`, dates of birth and phone numbers included). Pure (node:crypto only) so that a jest
 * global teardown can import it by a relative path.
 */
export const TEST_CHILD_MARKER = 'Qzxwv';

/** A child's identifying data as a case worker types it (the `identifying` body of `POST /referrals/cases`). */
export interface TestChildData {
  givenNames: string;
  familyNames: string;
  dateOfBirth: string;
  familyContacts: Array<{ relationship: string; name: string; phone: string }>;
  notes: string;
}

export interface TestChild {
  child: TestChildData;
  /** Every plaintext string of the child that must never appear outside an authorised view. */
  strings: string[];
}

/** Every plaintext string of `child`. */
export function identifyingStrings(child: TestChildData): string[] {
  return [
    child.givenNames,
    child.familyNames,
    child.dateOfBirth,
    ...child.familyContacts.flatMap((c) => [c.name, c.phone]),
    child.notes,
  ];
}

function testChildOf(child: TestChildData): TestChild {
  return { child, strings: identifyingStrings(child) };
}

/**
 * A child whose every string is unique to this run (a fresh tag; a random date of birth and phone), so a scan
 * of shared storage (the test cluster's WAL) finds them only if this test stored them. Names carry the marker.
 */
export function uniqueTestChild(): TestChild {
  const tag = randomBytes(5).toString('hex');
  const day = String(randomInt(1, 29)).padStart(2, '0');
  const month = String(randomInt(1, 13)).padStart(2, '0');
  return testChildOf({
    givenNames: `Yeimi Zuleyma ${TEST_CHILD_MARKER}${tag}`,
    familyNames: `Alvarado ${TEST_CHILD_MARKER}Q${tag}`,
    dateOfBirth: `${randomInt(2003, 2005)}-${month}-${day}`,
    familyContacts: [
      {
        relationship: 'tía materna',
        name: `Dora Mejía ${TEST_CHILD_MARKER}${tag}`,
        phone: `+504 9${randomInt(1_000_000, 9_999_999)}`,
      },
    ],
    notes: `Separada de su hermano en Tapachula ${TEST_CHILD_MARKER}${tag}`,
  });
}

/** The girl of the Kafka e2e (tests/e2e/referrals-national-system.kafka.spec.ts): fixed strings, known to every scan. */
export const XIOMARA: TestChild = testChildOf({
  givenNames: `Xiomara Lucía ${TEST_CHILD_MARKER}`,
  familyNames: `Bustillo Zelaya ${TEST_CHILD_MARKER}`,
  dateOfBirth: '2009-02-11',
  familyContacts: [
    { relationship: 'tía materna', name: `Reina Zelaya ${TEST_CHILD_MARKER}`, phone: '+504 9876 5432' },
  ],
  notes: `Viaja con un primo que se quedó en Tapachula ${TEST_CHILD_MARKER}.`,
});

/** A child of the bench (tests/bench/referrals.ts): names only, the date of birth shared by every bench child. */
export function benchChild(tag: string): Pick<TestChildData, 'givenNames' | 'familyNames' | 'dateOfBirth'> {
  return {
    givenNames: `Niña ${TEST_CHILD_MARKER}${tag}`,
    familyNames: `Bench ${TEST_CHILD_MARKER}${tag}`,
    dateOfBirth: '2009-02-11',
  };
}

/** The fixed strings every scan looks for, whatever process made the child (besides the marker). */
export const KNOWN_TEST_CHILD_STRINGS: readonly string[] = [TEST_CHILD_MARKER, ...XIOMARA.strings];
