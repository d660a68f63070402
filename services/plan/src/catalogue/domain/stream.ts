/** One stream per plan holds its catalogue: `planCatalogue-<planId>`, e.g. `planCatalogue-2017-2022`. */
export const CATALOGUE_STREAM_CATEGORY = 'planCatalogue';

export function catalogueStreamId(planId: string): string {
  return `${CATALOGUE_STREAM_CATEGORY}-${planId}`;
}
