// class-transformer ships this module without a declaration beside it; its type lives in types/.
declare module 'class-transformer/cjs/storage' {
  import { type MetadataStorage } from 'class-transformer/types/MetadataStorage';

  export const defaultMetadataStorage: MetadataStorage;
}
