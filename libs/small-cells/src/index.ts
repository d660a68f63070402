export * from './table-model';
export * from './two-way-table';
export * from './primary';
export * from './gaussian-elimination';
export * from './protection-intervals';
