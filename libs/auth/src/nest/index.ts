export * from './decorators';
export * from './tokens';
export * from './auth.guard';
export * from './operation.guard';
export * from './auth.module';
export type { AuthRequest } from './request';
