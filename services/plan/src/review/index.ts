export * from './catalogue-as-of';
export * from './errors';
export * from './plan-review';
export * from './render-state';
export * from './review.module';
