import { defineMessages } from '../../shared/i18n/i18n.types';
import { peopleAr } from './people-ar.messages.part';
import { peopleEn } from './people-en.messages.part';
import { peopleEs } from './people-es.messages.part';
import { peopleFr } from './people-fr.messages.part';
import { peopleRu } from './people-ru.messages.part';
import { peopleZh } from './people-zh.messages.part';

/** Messages of the people module (experts, training, events, case studies, awards), one file per language. */
export const peopleMessages = defineMessages({ en: peopleEn, fr: peopleFr, es: peopleEs, ru: peopleRu, zh: peopleZh, ar: peopleAr });
