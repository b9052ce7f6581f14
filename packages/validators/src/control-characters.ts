// Every C0/C1 control character (NUL, tab, newline, escape…): PostgreSQL refuses NUL
// in text, and none belongs in a name, a search or a password typed into a form.
const CONTROL_CHARACTER = /\p{Cc}/u;

/** True when the text holds a control character such as NUL, a tab or a newline. */
export function hasControlCharacter(text: string): boolean {
  return CONTROL_CHARACTER.test(text);
}

/** Catalogue key (see `error-catalogue/`) of the message for a control character. */
export const CONTROL_CHARACTER_MESSAGE = 'input.controlCharacter';
