/** A bilingual error body: `{ code, message: { es, en }, details }` with both texts present and different. */
export function expectBilingualError(body: any, code: string | RegExp): void {
  expect(body).toEqual({
    code: expect.any(String),
    message: { es: expect.any(String), en: expect.any(String) },
    details: expect.any(Object),
  });
  if (typeof code === 'string') expect(body.code).toBe(code);
  else expect(body.code).toMatch(code);
  expect(body.message.es.length).toBeGreaterThan(5);
  expect(body.message.en.length).toBeGreaterThan(5);
  expect(body.message.es).not.toBe(body.message.en);
}
