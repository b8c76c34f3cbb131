/** A problem in an input file, pinned to the file and (where it has one) the line. */
export class IngestError extends Error {
  readonly fileName: string;
  readonly line: number | null;
  readonly reason: string;

  constructor(fileName: string, line: number | null, reason: string) {
    super(line === null ? `${fileName}: ${reason}` : `${fileName}, line ${line}: ${reason}`);
    this.name = 'IngestError';
    this.fileName = fileName;
    this.line = line;
    this.reason = reason;
  }
}
