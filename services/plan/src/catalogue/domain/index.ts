export * from './catalogue.types';
export * from './catalogue.errors';
export * from './catalogue.messages';
export * from './catalogue.decider';
export * from './validate-catalogue';
export * from './load-catalogue';
