/** The forms of a message that depends on a number, by CLDR plural category; `other` is required. */
export type PluralMessage = { [C in Intl.LDMLPluralRule]?: string } & { other: string };

/** One entry of a catalogue: plain text with `{placeholders}`, or plural forms chosen by `count`. */
export type Message = string | PluralMessage;
