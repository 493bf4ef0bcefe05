/**
 * A refusal or failure the operator can act on (a bad file, a database in use, a missing
 * tool): the CLIs print its message alone, without a stack trace.
 */
export class OpsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
