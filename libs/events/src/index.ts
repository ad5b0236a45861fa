export * from './outbox/outbox-message';
