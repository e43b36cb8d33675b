import type { UiLanguage } from '../lang-map';

/** The forms of a message that depends on a number, by CLDR plural category; `other` is required. */
export type PluralMessage = { [C in Intl.LDMLPluralRule]?: string } & { other: string };

/** One entry of a catalogue: plain text with `{placeholders}`, or plural forms chosen by `count`. */
export type Message = string | PluralMessage;

/** A module's own UI messages: the English ones, and exactly the same keys in every other UI language. */
export type MessagePart<E extends Record<string, Message>> = { en: E } & Record<Exclude<UiLanguage, 'en'>, Record<keyof E, Message>>;

/** Declares a module's messages (`*.messages.ts`); the type checker insists every language has every key. */
export function defineMessages<const E extends Record<string, Message>>(part: MessagePart<E>): MessagePart<E> {
  return part;
}
