export * from './bootstrap';
export * from './discovery';
export { DEV_ISSUER } from './tokens';
export { IdentityModule } from './identity.module';
export { LoginBody } from './http/login.controller';
