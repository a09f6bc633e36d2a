import { isMessageKey, useT } from '../i18n/I18nProvider.tsx';

/** Localised name of a permission ("users.read" → "Voir les utilisateurs"), or the code itself when unknown. */
export function usePermissionLabel(): (permission: string) => string {
  const t = useT();
  return (permission: string) => {
    const key = `perm.${permission}`;
    return isMessageKey(key) ? t(key) : permission;
  };
}
