import { type FilePosition } from './byte-line.reader';

/** One record of a file as its layout parser sees it, before columns are named. */
export type FileItem =
  | { kind: 'values'; values: string[]; line: number; raw: string; end: FilePosition }
  | {
      kind: 'rejected';
      code: string;
      reason: string;
      line: number;
      raw: string;
      end: FilePosition;
    };
