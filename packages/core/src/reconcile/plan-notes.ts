import type { PlanNote } from './plan-schema.js';

type NoteCode = PlanNote['code'];

const MESSAGES: Record<NoteCode, (provider: string, field?: string) => string> = {
  field_not_creatable: (provider, field) => `${provider} does not store ${field} on create: left out`,
  field_not_updatable: (provider, field) =>
    `${provider} cannot change ${field}: the difference is left as it is`,
  verb_not_supported: (provider, field) => `${provider} does not support ${field}: nothing planned`,
  left_suspended: () => 'suspended and desired again, but the policy does not reactivate: left suspended',
  invalid_row_left_alone: () => 'their desired row was rejected: left exactly as they are',
  incomplete_input_left_alone: () =>
    'not in the desired list, but the list was not read completely: nobody is suspended or removed',
  kept: () => "named in the policy's keep list: never touched",
  user_name_taken: () => 'the user name belongs to an account with another externalId: nothing planned',
  ambiguous_match: () => 'more than one account matches the same desired row: left alone',
};

/** Notes of one connection, counted per code and field, with a few user names as examples. */
export class PlanNotes {
  readonly #notes = new Map<string, PlanNote & { examples: string[]; count: number }>();
  readonly #provider: string;

  constructor(provider: string) {
    this.#provider = provider;
  }

  add(code: NoteCode, userName: string, field?: string): void {
    const key = `${code}:${field ?? ''}`;
    let note = this.#notes.get(key);
    if (note === undefined) {
      note = {
        code,
        ...(field === undefined ? {} : { field }),
        count: 0,
        examples: [],
        message: MESSAGES[code](this.#provider, field),
      };
      this.#notes.set(key, note);
    }
    note.count += 1;
    if (note.examples.length < 5) note.examples.push(userName);
  }

  list(): PlanNote[] {
    return [...this.#notes.values()];
  }
}
