import type { Lang } from '../../i18n';

const LOCALE: Record<Lang, string> = { en: 'en-US', ko: 'ko-KR' };

/** A moment as the page's language writes it: "May 6, 2025, 2:03 PM", "2025. 5. 6. 오후 2:03". */
export const formatWhen = (lang: Lang, ms: number): string =>
  new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms));

/** A count with thousands separators: 70,000. */
export const formatCount = (lang: Lang, n: number): string => n.toLocaleString(LOCALE[lang]);
