// Turns any thrown value into text a person can act on, in the current language.
//
// Server errors are shown with the server's message unless the catalogue has a
// translation under "reason.<reason>". Client-side failures (no connection, an
// unexpected answer) use the catalogue's own messages.

import { ApiError, BAD_RESPONSE_REASON, NETWORK_REASON } from './api';
import type { I18n } from './i18n';

export interface ErrorDescription {
  message: string;
  // [field name (translated when "field.<name>" exists), message] pairs, in server order.
  fields: Array<[string, string]>;
}

type Translator = Pick<I18n, 't' | 'tDynamic' | 'has'>;

export function describeError(error: unknown, i18n: Translator): ErrorDescription {
  if (error instanceof ApiError) {
    let message: string;
    if (error.reason === NETWORK_REASON) {
      message = i18n.t('error.network');
    } else if (error.reason === BAD_RESPONSE_REASON) {
      message = i18n.t('error.badResponse', { status: error.status });
    } else if (i18n.has(`reason.${error.reason}`)) {
      message = i18n.tDynamic(`reason.${error.reason}`);
    } else {
      message = error.message || i18n.t('error.title');
    }
    const fields = Object.entries(error.fields).map(([name, text]): [string, string] => [
      i18n.has(`field.${name}`) ? i18n.tDynamic(`field.${name}`) : name,
      text,
    ]);
    return { message, fields };
  }
  if (error instanceof Error && error.message) {
    return { message: error.message, fields: [] };
  }
  return { message: i18n.t('error.title'), fields: [] };
}
