import { isIsoInstant } from './iso-instant';

describe('isIsoInstant', () => {
  it.each([
    '2020-07-01T12:00:00Z',
    '2020-07-01T12:00Z',
    '2020-07-01T12:00:00.123-06:00',
    '2024-02-29T00:00:00Z',
  ])('accepts %s', (value) => expect(isIsoInstant(value)).toBe(true));
  it.each(['2020-07-01', '2020-07-01T12:00:00', '2021-02-29T00:00:00Z', '2020-13-01T00:00:00Z', 42, null])(
    'refuses %s',
    (value) => expect(isIsoInstant(value)).toBe(false),
  );
});
