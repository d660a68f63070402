export * from './table-model';
export * from './two-way-table';
export * from './options';
export * from './primary';
export * from './protection-intervals';
export * from './gaussian-elimination';
export * from './audit';
export * from './suppress';
