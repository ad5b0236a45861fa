import { CANONICAL_FIELDS } from '@crosswalk/model';
import { survivorshipRulesFor } from '@crosswalk/reconcile';
import { Transform, Type } from 'class-transformer';
import {
  IsArray,
  IsDefined,
  IsIn,
  IsISO31661Alpha2,
  IsNumber,
  Max,
  Min,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  ValidateNested,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { ConfigInt, SecretReference } from './config-property.decorators';
import { ConnectorEntryDto } from './connector-entry.dto';
import { EventsConfigDto } from './events-config.dto';
import { StoreConfigDto } from './store-config.dto';

@JSONSchema({ additionalProperties: false })
export class NormalisationConfigDto {
  /** ISO 3166-1 alpha-2 region for phone numbers written without a country code. */
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.toUpperCase() : value,
  )
  @IsISO31661Alpha2()
  @JSONSchema({ pattern: '^[A-Za-z]{2}$' })
  defaultRegion!: string;
}

@JSONSchema({ additionalProperties: false })
export class MatchThresholdsDto {
  /** At or above this match probability a record links to a customer. */
  @IsNumber()
  @Min(0)
  @Max(1)
  link!: number;

  /** At or above this (and below `link`) the pair goes to the review queue. */
  @IsNumber()
  @Min(0)
  @Max(1)
  review!: number;
}

export const MATCHING_MODES = ['probabilistic', 'deterministic'] as const;

@JSONSchema({ additionalProperties: false })
export class ReconcileConfigDto {
  /**
   * `probabilistic`: Fellegi-Sunter scoring with the stored model (trained by
   * `crosswalk reconcile --full`; until there is one, only shared strong keys link).
   * `deterministic`: only shared strong keys link.
   */
  @IsOptional()
  @IsIn(MATCHING_MODES)
  matching: (typeof MATCHING_MODES)[number] = 'probabilistic';

  /** Override the model's thresholds. */
  @IsOptional()
  @ValidateNested()
  @Type(() => MatchThresholdsDto)
  thresholds?: MatchThresholdsDto;

  /** Connector names, most trusted first; unlisted connectors rank after all listed ones. */
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  sourcePriority: string[] = [];

  @IsOptional()
  @ConfigInt(1, 36_500)
  staleAfterDays: number = 365;

  /**
   * Survivorship rule per canonical field: a rule name, or `{ rule: NAME }`. Fields left out
   * keep the default (union for lists, source-priority otherwise). The loader checks each
   * field and rule.
   */
  @IsOptional()
  @IsObject()
  @JSONSchema(survivorshipJsonSchema)
  survivorship: Record<string, unknown> = {};
}

/** Per field, exactly the rules it takes, so editors flag a rule that does not fit. */
function survivorshipJsonSchema(): Record<string, unknown> {
  const properties = Object.fromEntries(
    CANONICAL_FIELDS.map((field) => {
      const rule = { enum: [...survivorshipRulesFor(field)] };
      return [
        field,
        {
          anyOf: [
            rule,
            {
              type: 'object',
              properties: { rule },
              required: ['rule'],
              additionalProperties: false,
            },
          ],
        },
      ];
    }),
  );
  return { type: 'object', properties, additionalProperties: false };
}

/** One bearer token of the admin API; its name is the actor recorded with decisions. */
@JSONSchema({ additionalProperties: false })
export class AdminTokenDto {
  /** Who holds the token, e.g. `ops`; unique. */
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/, {
    message: 'name must be 1-64 letters, digits, ., _, @ or -, starting with a letter or digit',
  })
  name!: string;

  @SecretReference()
  token!: string;
}

@JSONSchema({ additionalProperties: false })
export class HttpConfigDto {
  @IsOptional()
  @ConfigInt(1, 65_535)
  port: number = 3000;

  /** Bearer tokens of the admin API; none: the admin API refuses every request. */
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => AdminTokenDto)
  adminTokens: AdminTokenDto[] = [];
}

/** The whole of `crosswalk.yaml`. */
@JSONSchema({ additionalProperties: false, title: 'Crosswalk configuration' })
export class CrosswalkConfigDto {
  @IsOptional()
  @ValidateNested()
  @Type(() => StoreConfigDto)
  store: StoreConfigDto = new StoreConfigDto();

  @IsOptional()
  @ValidateNested()
  @Type(() => EventsConfigDto)
  events: EventsConfigDto = new EventsConfigDto();

  @IsDefined({ message: 'normalisation is required (it holds defaultRegion)' })
  @ValidateNested()
  @Type(() => NormalisationConfigDto)
  normalisation!: NormalisationConfigDto;

  @IsOptional()
  @ValidateNested()
  @Type(() => ReconcileConfigDto)
  reconcile: ReconcileConfigDto = new ReconcileConfigDto();

  @IsOptional()
  @ValidateNested()
  @Type(() => HttpConfigDto)
  http: HttpConfigDto = new HttpConfigDto();

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ConnectorEntryDto)
  connectors: ConnectorEntryDto[] = [];
}
