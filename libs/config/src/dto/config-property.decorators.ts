// class-transformer's @Type reads design-time types through reflect-metadata.
import 'reflect-metadata';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsNotEmpty,
  IsString,
  Max,
  Min,
  registerDecorator,
  type ValidationArguments,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { validateCronExpression } from 'cron';

/** Editors accept a reference wherever a value may come from the environment or a file. */
export const REFERENCE_JSON_SCHEMA = {
  type: 'string' as const,
  pattern: '^\\$\\{(env|file):[^}]+\\}$',
  description: 'A reference resolved at start-up: ${env:NAME} or ${file:PATH}',
};

type SchemaDecoration = Parameters<typeof JSONSchema>[0];

/** class-validator-jsonschema's decorator, typed as a property decorator. */
function schema(decoration: SchemaDecoration): PropertyDecorator {
  return (target, key) => JSONSchema(decoration)(target, String(key));
}

function compose(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((decorate) => decorate(target, key));
}

/**
 * An integer in [min, max]. A reference resolves to text, so digit-only text becomes a
 * number; anything else is left for IsInt to refuse.
 */
export function ConfigInt(min: number, max: number): PropertyDecorator {
  return compose(
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value,
    ),
    IsInt(),
    Min(min),
    Max(max),
    schema((source) => ({ anyOf: [{ ...source, type: 'integer' }, REFERENCE_JSON_SCHEMA] })),
  );
}

/** Lets editors accept a reference where the schema would demand a pattern or format. */
export function OrReference(): PropertyDecorator {
  return schema((source) =>
    source.type === 'array'
      ? { ...source, items: { anyOf: [source.items ?? {}, REFERENCE_JSON_SCHEMA] } }
      : { anyOf: [source, REFERENCE_JSON_SCHEMA] },
  );
}

/** A boolean; the text `true`/`false` (a resolved reference) is accepted too. */
export function ConfigBoolean(): PropertyDecorator {
  return compose(
    Transform(({ value }: { value: unknown }) =>
      value === 'true' ? true : value === 'false' ? false : value,
    ),
    IsBoolean(),
    schema((source) => ({ anyOf: [source, REFERENCE_JSON_SCHEMA] })),
  );
}

/**
 * A secret. The loader has already refused a literal; here it is the resolved value.
 * The schema tells editors that only a reference is allowed.
 */
export function SecretReference(): PropertyDecorator {
  return compose(
    IsString(),
    IsNotEmpty(),
    schema(() => ({ ...REFERENCE_JSON_SCHEMA, description: 'Secret: a reference only' })),
  );
}

/** A cron expression as @nestjs/schedule runs it (5 fields, or 6 with seconds). */
export function IsCronExpression(): PropertyDecorator {
  return (target, propertyName) => {
    registerDecorator({
      name: 'isCronExpression',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && validateCronExpression(value).valid,
        defaultMessage: (args?: ValidationArguments) => {
          const value: unknown = args?.value;
          if (typeof value !== 'string') return `${args?.property ?? 'value'} must be a string`;
          const reason = validateCronExpression(value).error?.message ?? 'invalid';
          return `not a valid cron expression (${reason})`;
        },
      },
    });
  };
}
