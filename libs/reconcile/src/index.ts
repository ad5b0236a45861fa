export * from './reconcile.types';
