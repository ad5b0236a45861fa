// class-transformer's @Type reads decorator metadata
import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

export const FILE_FORMATS = ['csv', 'fixed-width'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

export const FILE_ENCODINGS = ['utf-8', 'iso-8859-1', 'windows-1252'] as const;
export type FileEncoding = (typeof FILE_ENCODINGS)[number];

export class CsvLayoutOptions {
  @IsString()
  @MinLength(1)
  delimiter = ',';

  @IsString()
  @Length(1, 1)
  quote = '"';

  /** The character that escapes a quote inside a quoted field; the quote itself means `""`. */
  @IsString()
  @Length(1, 1)
  escape = '"';

  /** The first record names the columns (unless `columns` is given, then it is skipped). */
  @IsBoolean()
  header = true;

  /** Column names in file order; required when the file has no header row. */
  @ValidateIf((o: CsvLayoutOptions) => o.header === false || o.columns !== undefined)
  @IsArray()
  @ArrayMinSize(1)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  columns?: string[];

  /**
   * A quoted field may span lines; a quote still open after this many lines is taken as
   * unbalanced, and parsing resumes on the line after the one that opened it.
   */
  @IsInt()
  @Min(1)
  @Max(1000)
  maxRecordLines = 20;
}

export class FixedWidthColumnOptions {
  @IsString()
  @IsNotEmpty()
  name!: string;

  /** 1-based position of the column's first character, as in most record layouts. */
  @IsInt()
  @Min(1)
  start!: number;

  @IsInt()
  @Min(1)
  length!: number;
}

export class FixedWidthLayoutOptions {
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => FixedWidthColumnOptions)
  columns!: FixedWidthColumnOptions[];

  /** When set, every line must have exactly this many characters. */
  @IsOptional()
  @IsInt()
  @Min(1)
  recordLength?: number;
}

function idColumnsDeclared(value: unknown, options: ErpFileConnectorOptions): boolean {
  if (!Array.isArray(value)) return true;
  const declared =
    options.format === 'fixed-width'
      ? options.fixedWidth?.columns?.map((column) => column.name)
      : options.csv?.columns;
  if (!declared) return true;
  return value.every((name) => declared.includes(name as string));
}

/** `options` of a connector of type `erp-file`. Relative folders resolve from the config file. */
export class ErpFileConnectorOptions {
  @IsString()
  @IsNotEmpty()
  dropFolder!: string;

  /** Defaults to `<dropFolder>/processed`. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  processedFolder?: string;

  /** Defaults to `<dropFolder>/failed`. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  failedFolder?: string;

  /** Glob on file names in the drop folder (`*`, `?`, `[abc]`, `{a,b}`), case-insensitive. */
  @IsString()
  @IsNotEmpty()
  filePattern = '*.csv';

  @IsIn(FILE_FORMATS)
  format: FileFormat = 'csv';

  @IsIn(FILE_ENCODINGS)
  encoding: FileEncoding = 'utf-8';

  /** Object name the records carry (mapping is declared per object). */
  @IsString()
  @IsNotEmpty()
  object!: string;

  /** Columns whose values, joined with ':', make the external id. */
  @IsArray()
  @ArrayMinSize(1)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @ValidateBy({
    name: 'idColumnsDeclared',
    validator: {
      validate: (value, args) => idColumnsDeclared(value, args?.object as ErpFileConnectorOptions),
      defaultMessage: () => 'idColumns must name declared columns',
    },
  })
  idColumns!: string[];

  /** Trim blanks around every value. */
  @IsBoolean()
  trim = true;

  /** Lines to skip at the top of every file (banners, before any header). */
  @IsInt()
  @Min(0)
  skipLines = 0;

  @ValidateNested()
  @Type(() => CsvLayoutOptions)
  csv: CsvLayoutOptions = new CsvLayoutOptions();

  @ValidateIf(
    (o: ErpFileConnectorOptions) => o.format === 'fixed-width' || o.fixedWidth !== undefined,
  )
  @IsDefined()
  @ValidateNested()
  @Type(() => FixedWidthLayoutOptions)
  fixedWidth?: FixedWidthLayoutOptions;
}
