export * from './compiler/compiled-mapping';
export * from './compiler/mapping.compiler';
export * from './mapping-config.exception';
export * from './mapping-issue';
export { MAPPABLE_FIELDS } from './target/canonical-target';
export { TRANSFORM_NAMES } from './transform/transform.compiler';
