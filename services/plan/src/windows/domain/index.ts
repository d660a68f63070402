export * from './period';
export * from './plan-years';
export * from './window';
export * from './window-decider';
