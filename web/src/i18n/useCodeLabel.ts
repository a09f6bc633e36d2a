import { useCallback } from 'react';
import type { MessageKey } from './fr.ts';
import { isMessageKey, useT } from './I18nProvider.tsx';

/** Translates a code of the API (`order.status` + `paid`) when the dictionaries know `${prefix}.${code}`, else shows the code as is. */
export function useCodeLabel(): (prefix: string, code: string) => string {
  const t = useT();
  return useCallback(
    (prefix: string, code: string) => {
      const key = `${prefix}.${code}`;
      return isMessageKey(key) ? t(key as MessageKey) : code;
    },
    [t],
  );
}
