import { defineMessages } from '../../shared/i18n/i18n.types';
import { projectsAr } from './projects-ar.messages.part';
import { projectsEn } from './projects-en.messages.part';
import { projectsEs } from './projects-es.messages.part';
import { projectsFr } from './projects-fr.messages.part';
import { projectsRu } from './projects-ru.messages.part';
import { projectsZh } from './projects-zh.messages.part';

/** Messages of the projects module (projects, analyses, needs and pledges), one file per language. */
export const projectsMessages = defineMessages({ en: projectsEn, fr: projectsFr, es: projectsEs, ru: projectsRu, zh: projectsZh, ar: projectsAr });
