import { MemoryKeyStore } from './memory-key-store';
import { describeKeyStoreContract } from './testing/key-store-contract';

describeKeyStoreContract('memory', async () => new MemoryKeyStore());
