/** The licences a body may give its open data under (the platform setting `open_data_licence`). */
export const LICENCES = {
  'CC-BY-4.0': {
    name: 'Creative Commons Attribution 4.0 International',
    url: 'https://creativecommons.org/licenses/by/4.0/',
  },
  'CC-BY-SA-4.0': {
    name: 'Creative Commons Attribution-ShareAlike 4.0 International',
    url: 'https://creativecommons.org/licenses/by-sa/4.0/',
  },
  'CC0-1.0': { name: 'Creative Commons Zero 1.0 Universal', url: 'https://creativecommons.org/publicdomain/zero/1.0/' },
  'ODbL-1.0': {
    name: 'Open Data Commons Open Database License 1.0',
    url: 'https://opendatacommons.org/licenses/odbl/1-0/',
  },
} as const;

export type LicenceId = keyof typeof LICENCES;
export interface Licence {
  id: LicenceId;
  name: string;
  url: string;
}

/** The licence of this id (the setting's value). */
export function licence(id: LicenceId): Licence {
  return { id, ...LICENCES[id] };
}
