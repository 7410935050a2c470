import { translate } from '../i18n';
import { msg, type Msg } from '../i18n/msg';

export type ShapeErrorCode = 'dot' | 'bias' | 'labelsShape' | 'oneHot' | 'upstream';

/**
 * Shapes that do not fit, as a code with parameters: `msg` is what the page translates (key
 * `shape.<code>`). The Error's own message, for logs and tests in Node, is the English
 * dictionary's wording of it: the engine's operations build no text.
 */
export class ShapeError extends Error {
  constructor(
    readonly code: ShapeErrorCode,
    readonly params: Record<string, string | number>,
    /** The input variables whose shapes clash. */
    readonly vars: string[],
  ) {
    super(translate('en', `shape.${code}`, params));
  }

  get msg(): Msg {
    return msg(`shape.${this.code}`, this.params);
  }
}
