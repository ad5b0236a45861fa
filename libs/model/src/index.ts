export * from './coded-error';
export * from './customer';
