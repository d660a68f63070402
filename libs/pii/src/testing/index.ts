export * from './key-store-contract';
export * from './log-capture';
