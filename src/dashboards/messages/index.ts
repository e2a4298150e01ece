import type { Catalogue } from '../../core/i18n/i18n.ts';
import { dashboardsEn } from './en.ts';
import { dashboardsKk } from './kk.ts';
import { dashboardsRu } from './ru.ts';

/* The interface text of the dashboards, in kk, ru and en; its keys join MessageKey through this augmentation. */
type Keys = typeof dashboardsEn;
declare module '../../core/i18n/i18n.ts' {
  interface DomainMessages extends Keys {}
}

export const dashboardsMessages: Catalogue = {
  kk: { ...dashboardsKk },
  ru: { ...dashboardsRu },
  en: { ...dashboardsEn },
};
