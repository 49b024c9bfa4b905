import type { Strings } from './en.js';

const rules = new Intl.PluralRules('ar');
const digits = new Intl.NumberFormat('ar');
/** Arabic has six plural forms: zero, one, two, few, many, other. */
function plural(n: number, forms: Record<Intl.LDMLPluralRule, string>): string {
  return forms[rules.select(n)].replace('#', digits.format(n));
}
const files = (n: number) => plural(n, { zero: 'لا ملفات', one: 'ملف واحد', two: 'ملفان', few: '# ملفات', many: '# ملفًا', other: '# ملف' });

export const ar: Strings = {
  locale: 'ar',
  dropHint: 'أفلت الملفات هنا أو الصقها أو',
  dropActive: 'أفلت للإرفاق',
  browse: 'اختر ملفات',
  description: 'الوصف',
  descriptionPlaceholder: 'أضف وصفًا',
  message: 'الرسالة',
  messagePlaceholder: 'اكتب رسالة',
  send: 'إرسال',
  retry: 'أعد المحاولة',
  retryAll: 'أعد محاولة الكل',
  cancel: 'إلغاء',
  remove: 'إزالة',
  moveUp: 'نقل لأعلى',
  moveDown: 'نقل لأسفل',
  dismiss: 'إغلاق',
  open: 'فتح',
  list: 'الملفات المراد إرسالها',
  fileCount: files,
  progressOf: (name) => `رفع ${name}`,
  status: {
    queued: 'جاهز للإرسال',
    uploading: (p) => `جارٍ الرفع… ${digits.format(p)}٪`,
    uploaded: 'تم الرفع، بانتظار النشر',
    confirming: 'جارٍ النشر…',
    done: 'تم الإرسال',
    error: 'لم يُرسل',
    canceled: 'أُلغي',
    offline: 'بانتظار الاتصال بالشبكة…',
    paused: 'سجّل الدخول مجددًا',
    retrying: (s) => `إعادة المحاولة خلال ${digits.format(s)} ث…`,
    checking: 'جارٍ التحقق من حدود الخادم…',
  },
  reject: {
    empty: (name) => `${name} فارغ (٠ بايت) ولم يُضف.`,
    tooLarge: (name, limit) => `${name} أكبر من الحد ${limit} ولم يُضف.`,
    invalidType: (name) => `${name} من نوع ملفات لا يمكن إرساله هنا.`,
    tooMany: (name, max) => `لم يُضف ${name}: الحد الأقصى ${files(max)} في المرة الواحدة.`,
    disabled: (name) => `لم يُضف ${name}: رفع الملفات معطّل على هذا الخادم.`,
    duplicate: (name) => `${name} موجود في القائمة بالفعل.`,
    many: (n) => `لم تُضف ${files(n)}.`,
  },
  draftFound: (n) => `${files(n)} من قبل لم تُرسل.`,
  restore: 'استعادة',
  discard: 'تجاهل',
  draftNotSaved: 'تعذّر حفظ المسودة في هذا المتصفح (التخزين ممتلئ أو معطّل)؛ تبقى الملفات في القائمة.',
  errors: {
    network: 'انقطع الاتصال. تحقق من الشبكة ثم أعد المحاولة.',
    timeout: 'توقف الرفع عن التقدم فأُوقف. أعد المحاولة.',
    aborted: 'أُلغي الرفع.',
    unauthorized: 'لست مسجّل الدخول أو انتهت جلستك. سجّل الدخول مجددًا ثم أعد المحاولة.',
    forbidden: 'لا يُسمح لك بإرسال ملفات إلى هذه الغرفة.',
    tooLarge: 'الملف أكبر مما يسمح به الخادم.',
    invalidType: 'لا يقبل الخادم هذا النوع من الملفات.',
    invalidFile: 'لم يقبل الخادم هذا الملف.',
    notFound: 'لم يجد الخادم هذه الغرفة أو عنوان الرفع.',
    tooLong: 'الوصف أو الرسالة أطول مما يسمح به الخادم.',
    disabled: 'رفع الملفات معطّل على هذا الخادم.',
    server: (status) => (status ? `حدثت مشكلة في الخادم (الخطأ ${status}). أعد المحاولة لاحقًا.` : 'حدثت مشكلة في الخادم. أعد المحاولة لاحقًا.'),
    confirmUnknown: 'رُفع الملف، لكن رد النشر ضاع: ربما الرسالة موجودة في الغرفة بالفعل. تحقق قبل إعادة المحاولة.',
    maybePosted: 'أُرسل الملف، لكن الرد ضاع: ربما هو في الغرفة بالفعل. تحقق قبل إعادة المحاولة.',
    unexpected: 'رد الخادم ليس ما يرسله خادم دردشة: ربما لم يُحفظ الملف. تحقق من الغرفة قبل إعادة المحاولة.',
    badAddress: 'عنوان الرفع ليس مسارًا على خادم الدردشة، لذلك لم يُرسل شيء.',
  },
  announce: {
    added: (n) => `أُضيف ${files(n)}`,
    done: (name) => `أُرسل ${name}`,
    failed: (name, why) => `لم يُرسل ${name}: ${why}`,
  },
  units: ['بايت', 'ك.ب', 'م.ب', 'ج.ب', 'ت.ب'],
};
