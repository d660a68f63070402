export * from './errors';
export * from './ciphertext';
export * from './kek';
export * from './kek-config';
export * from './key-store';
export * from './memory-key-store';
export * from './postgres-key-store';
export * from './personal-fields';
export * from './protector';
export * from './pii.policy';
export * from './rotation';
export * from './logger';
export * from './nest-logger';
export {
  PERSONAL_DATA_VIEWED,
  piiAccessStream,
  type PersonalDataAccessContext,
  type PersonalDataViewedData,
  type ViewOutcome,
} from './access-log';
export {
  PERSONAL_DATA_ERASED,
  piiErasureStream,
  type ErasureRequest,
  type PersonalDataErasedData,
} from './erasure-log';
