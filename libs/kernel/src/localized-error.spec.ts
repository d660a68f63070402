import { bilingualLine, LocalizedError } from './localized-error';

describe('bilingualLine', () => {
  it('gives the Spanish and the English text of an error that has them, nothing for another error', () => {
    expect(bilingualLine(new LocalizedError('x', { es: 'No se pudo.', en: 'Could not.' }))).toBe(
      'No se pudo. / Could not.',
    );
    expect(bilingualLine(new Error('boom'))).toBeUndefined();
  });
});
