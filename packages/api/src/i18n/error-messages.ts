import { setupI18n, type I18n } from '@lingui/core';
import { compileMessage } from '@lingui/message-utils/compileMessage';

import { LANGUAGES, pickLanguage, type ErrorReason, type Language } from '@skycast/validators';

/**
 * What the API tells a person when it refuses, in each language other than
 * English (ICU MessageFormat). English is the message thrown where the refusal
 * happens; a reason without an entry here keeps it. The reason code beside
 * the message never changes with the language.
 */
type Catalogue = Partial<Record<ErrorReason | 'INTERNAL' | 'INVALID_INPUT_PREFIX', string>>;

const CATALOGUES: Record<Exclude<Language, 'en'>, Catalogue> = {
  de: {
    INTERNAL: 'Bei uns ist etwas schiefgelaufen. Bitte versuche es gleich noch einmal.',
    INVALID_INPUT_PREFIX: 'Ungültige Eingabe',
    SIGN_IN_REQUIRED: 'Bitte melde dich an, um das zu tun.',
    RATE_LIMITED: 'Zu viele Anfragen. Bitte warte einen Moment und versuche es dann erneut.',
    EMAIL_TAKEN: 'Zu dieser E-Mail-Adresse gibt es schon ein Konto. Melde dich stattdessen an.',
    WRONG_CREDENTIALS: 'E-Mail-Adresse oder Passwort ist falsch.',
    WRONG_CURRENT_PASSWORD: 'Dein aktuelles Passwort ist falsch.',
    COMMON_PASSWORD: 'Dieses Passwort gehört zu den häufigsten. Bitte wähle ein anderes.',
    PASSWORD_CONTAINS_EMAIL:
      'Dein Passwort enthält deine E-Mail-Adresse – das wird zuerst ausprobiert. Bitte wähle ein anderes.',
    SIGN_IN_LOCKED:
      'Zu viele fehlgeschlagene Anmeldungen. Bitte versuche es in {minutes, plural, one {# Minute} other {# Minuten}} erneut.',
    TOO_MANY_SIGN_INS:
      'Zu viele Anmeldungen. Bitte versuche es in {minutes, plural, one {# Minute} other {# Minuten}} erneut.',
    PASSWORD_CHECK_LOCKED:
      'Zu oft ein falsches Passwort. Bitte versuche es in {minutes, plural, one {# Minute} other {# Minuten}} erneut.',
    RESET_LINK_INVALID:
      'Dieser Link zum Zurücksetzen ist ungültig, schon benutzt oder abgelaufen. Fordere einen neuen an.',
    PLACE_LIMIT_REACHED:
      'Du kannst höchstens {max} Orte speichern. Entferne einen, um einen neuen hinzuzufügen.',
    PLACE_ALREADY_SAVED: 'Dieser Ort ist schon in deiner Liste.',
    PLACE_NOT_FOUND: 'Dieser Ort ist nicht in deiner Liste.',
    PLACE_ORDER_MISMATCH:
      'Deine Liste hat sich inzwischen geändert. Lade die Seite neu und versuche es erneut.',
    PROVIDER_TROUBLE:
      'Der Wetterdienst antwortet gerade nicht richtig. Bitte versuche es in einer Minute erneut.',
    DATABASE_READ_ONLY:
      'Änderungen können gerade nicht gespeichert werden: Unsere Datenbank wird umgeschaltet, nur Lesen geht. Bitte versuche es in {seconds} Sekunden erneut.',
    WATCH_LIMIT_REACHED:
      'Du kannst höchstens {max} Wächter haben. Entferne einen, um einen neuen hinzuzufügen.',
    WATCH_NOT_FOUND: 'Diesen Wächter gibt es in deinem Konto nicht.',
    PUSH_ENDPOINT_NOT_ALLOWED:
      'Dieser Browser nutzt einen Push-Dienst, an den Skycast nicht sendet. Versuche es mit einem anderen Browser.',
    PUSH_DEVICE_LIMIT_REACHED:
      'Höchstens {max} Geräte können Benachrichtigungen erhalten. Schalte sie auf einem anderen ab.',
  },
  es: {
    INTERNAL: 'Algo ha fallado por nuestra parte. Vuelve a intentarlo en un momento.',
    INVALID_INPUT_PREFIX: 'Datos no válidos',
    SIGN_IN_REQUIRED: 'Inicia sesión para hacer esto.',
    RATE_LIMITED: 'Demasiadas solicitudes. Espera un momento y vuelve a intentarlo.',
    EMAIL_TAKEN: 'Ya existe una cuenta con este correo. Inicia sesión.',
    WRONG_CREDENTIALS: 'El correo o la contraseña no son correctos.',
    WRONG_CURRENT_PASSWORD: 'Tu contraseña actual no es correcta.',
    COMMON_PASSWORD: 'Esta contraseña es de las más comunes. Elige otra.',
    PASSWORD_CONTAINS_EMAIL:
      'Tu contraseña contiene tu correo, que es lo primero que se prueba. Elige otra.',
    SIGN_IN_LOCKED:
      'Demasiados intentos fallidos. Vuelve a intentarlo dentro de {minutes, plural, one {# minuto} other {# minutos}}.',
    TOO_MANY_SIGN_INS:
      'Demasiados inicios de sesión. Vuelve a intentarlo dentro de {minutes, plural, one {# minuto} other {# minutos}}.',
    PASSWORD_CHECK_LOCKED:
      'Demasiadas contraseñas incorrectas. Vuelve a intentarlo dentro de {minutes, plural, one {# minuto} other {# minutos}}.',
    RESET_LINK_INVALID:
      'Este enlace para restablecer no es válido, ya se usó o ha caducado. Pide uno nuevo.',
    PLACE_LIMIT_REACHED: 'Puedes guardar como máximo {max} lugares. Quita uno para añadir otro.',
    PLACE_ALREADY_SAVED: 'Este lugar ya está en tu lista.',
    PLACE_NOT_FOUND: 'Ese lugar no está en tu lista.',
    PLACE_ORDER_MISMATCH:
      'Tu lista ha cambiado entretanto. Recarga la página y vuelve a intentarlo.',
    PROVIDER_TROUBLE:
      'El servicio meteorológico no responde bien ahora mismo. Vuelve a intentarlo en un minuto.',
    DATABASE_READ_ONLY:
      'Ahora mismo no se pueden guardar cambios: estamos cambiando de base de datos y solo funciona la lectura. Vuelve a intentarlo dentro de {seconds} segundos.',
    WATCH_LIMIT_REACHED: 'Puedes tener como máximo {max} avisos. Quita uno para añadir otro.',
    WATCH_NOT_FOUND: 'Ese aviso no está en tu cuenta.',
    PUSH_ENDPOINT_NOT_ALLOWED:
      'Este navegador usa un servicio de notificaciones al que Skycast no envía. Prueba con otro navegador.',
    PUSH_DEVICE_LIMIT_REACHED:
      'Como máximo {max} dispositivos pueden recibir notificaciones. Desactívalas en otro.',
  },
  fr: {
    INTERNAL: 'Un problème est survenu de notre côté. Réessayez dans un instant.',
    INVALID_INPUT_PREFIX: 'Saisie invalide',
    SIGN_IN_REQUIRED: 'Connectez-vous pour faire cela.',
    RATE_LIMITED: 'Trop de requêtes. Patientez un instant, puis réessayez.',
    EMAIL_TAKEN: 'Un compte existe déjà avec cette adresse e-mail. Connectez-vous plutôt.',
    WRONG_CREDENTIALS: 'L’adresse e-mail ou le mot de passe est incorrect.',
    WRONG_CURRENT_PASSWORD: 'Votre mot de passe actuel est incorrect.',
    COMMON_PASSWORD: 'Ce mot de passe fait partie des plus courants. Choisissez-en un autre.',
    PASSWORD_CONTAINS_EMAIL:
      'Votre mot de passe contient votre adresse e-mail, la première chose essayée. Choisissez-en un autre.',
    SIGN_IN_LOCKED:
      'Trop de connexions échouées. Réessayez dans {minutes, plural, one {# minute} other {# minutes}}.',
    TOO_MANY_SIGN_INS:
      'Trop de connexions. Réessayez dans {minutes, plural, one {# minute} other {# minutes}}.',
    PASSWORD_CHECK_LOCKED:
      'Trop de mots de passe incorrects. Réessayez dans {minutes, plural, one {# minute} other {# minutes}}.',
    RESET_LINK_INVALID:
      'Ce lien de réinitialisation est invalide, déjà utilisé ou expiré. Demandez-en un nouveau.',
    PLACE_LIMIT_REACHED:
      'Vous pouvez garder au plus {max} lieux. Retirez-en un pour en ajouter un autre.',
    PLACE_ALREADY_SAVED: 'Ce lieu est déjà dans votre liste.',
    PLACE_NOT_FOUND: 'Ce lieu n’est pas dans votre liste.',
    PLACE_ORDER_MISMATCH: 'Votre liste a changé entre-temps. Rechargez la page et réessayez.',
    PROVIDER_TROUBLE:
      'Le service météo ne répond pas correctement pour le moment. Réessayez dans une minute.',
    DATABASE_READ_ONLY:
      'Les modifications ne peuvent pas être enregistrées pour le moment : notre base de données est en cours de basculement et seule la lecture fonctionne. Réessayez dans {seconds} secondes.',
    WATCH_LIMIT_REACHED:
      'Vous pouvez avoir au plus {max} alertes. Supprimez-en une pour en ajouter une autre.',
    WATCH_NOT_FOUND: 'Cette alerte n’est pas dans votre compte.',
    PUSH_ENDPOINT_NOT_ALLOWED:
      'Ce navigateur utilise un service de notifications auquel Skycast n’envoie pas. Essayez un autre navigateur.',
    PUSH_DEVICE_LIMIT_REACHED:
      'Au plus {max} appareils peuvent recevoir des notifications. Désactivez-les sur un autre.',
  },
  ar: {
    INTERNAL: 'حدث خطأ من جهتنا. يُرجى المحاولة مرة أخرى بعد قليل.',
    INVALID_INPUT_PREFIX: 'إدخال غير صالح',
    SIGN_IN_REQUIRED: 'يُرجى تسجيل الدخول للقيام بذلك.',
    RATE_LIMITED: 'طلبات كثيرة جدًا. يُرجى الانتظار قليلًا ثم المحاولة مرة أخرى.',
    EMAIL_TAKEN: 'يوجد حساب بهذا البريد الإلكتروني. سجّل الدخول بدلًا من ذلك.',
    WRONG_CREDENTIALS: 'البريد الإلكتروني أو كلمة المرور غير صحيحة.',
    WRONG_CURRENT_PASSWORD: 'كلمة المرور الحالية غير صحيحة.',
    COMMON_PASSWORD: 'كلمة المرور هذه من أكثر كلمات المرور شيوعًا. يُرجى اختيار غيرها.',
    PASSWORD_CONTAINS_EMAIL:
      'كلمة المرور تحتوي على بريدك الإلكتروني، وهو أول ما يُجرَّب. يُرجى اختيار غيرها.',
    SIGN_IN_LOCKED:
      'محاولات دخول فاشلة كثيرة. يُرجى المحاولة بعد {minutes, plural, zero {# دقيقة} one {دقيقة واحدة} two {دقيقتين} few {# دقائق} many {# دقيقة} other {# دقيقة}}.',
    TOO_MANY_SIGN_INS:
      'عمليات تسجيل دخول كثيرة جدًا. يُرجى المحاولة بعد {minutes, plural, zero {# دقيقة} one {دقيقة واحدة} two {دقيقتين} few {# دقائق} many {# دقيقة} other {# دقيقة}}.',
    PASSWORD_CHECK_LOCKED:
      'كلمات مرور خاطئة كثيرة. يُرجى المحاولة بعد {minutes, plural, zero {# دقيقة} one {دقيقة واحدة} two {دقيقتين} few {# دقائق} many {# دقيقة} other {# دقيقة}}.',
    RESET_LINK_INVALID:
      'رابط إعادة التعيين هذا غير صالح أو مستخدم أو منتهي الصلاحية. اطلب رابطًا جديدًا.',
    PLACE_LIMIT_REACHED: 'يمكنك حفظ {max} مكانًا على الأكثر. احذف مكانًا لإضافة آخر.',
    PLACE_ALREADY_SAVED: 'هذا المكان موجود في قائمتك بالفعل.',
    PLACE_NOT_FOUND: 'هذا المكان ليس في قائمتك.',
    PLACE_ORDER_MISMATCH: 'تغيّرت قائمتك في هذه الأثناء. أعد تحميل الصفحة وحاول مرة أخرى.',
    PROVIDER_TROUBLE: 'خدمة الطقس لا تستجيب كما يجب الآن. يُرجى المحاولة بعد دقيقة.',
    DATABASE_READ_ONLY:
      'لا يمكن حفظ التغييرات الآن: يجري تبديل قاعدة بياناتنا والقراءة فقط متاحة. يُرجى المحاولة مرة أخرى بعد {seconds} ثانية.',
    WATCH_LIMIT_REACHED: 'يمكنك الاحتفاظ بـ {max} تنبيهًا على الأكثر. احذف واحدًا لتضيف آخر.',
    WATCH_NOT_FOUND: 'هذا التنبيه ليس في حسابك.',
    PUSH_ENDPOINT_NOT_ALLOWED:
      'يستخدم هذا المتصفح خدمة إشعارات لا يرسل إليها Skycast. جرّب متصفحًا آخر.',
    PUSH_DEVICE_LIMIT_REACHED:
      'يمكن لـ {max} أجهزة على الأكثر تلقي الإشعارات. أوقفها على جهاز آخر.',
  },
};

const i18n: I18n = setupI18n();
// Catalogues are compiled once at start-up (the API is not a bundle that must stay small).
i18n.setMessagesCompiler(compileMessage);
for (const language of LANGUAGES) {
  if (language !== 'en') i18n.load(language, CATALOGUES[language]);
}

/**
 * The caller's language: a `lang` query parameter wins, then `Accept-Language`
 * (most wanted first, as Express's `req.acceptsLanguages()` lists it), then English.
 *
 * @example
 * callerLanguage(undefined, ['de-CH', 'en']) // 'de'
 */
export function callerLanguage(lang: unknown, accepted: readonly string[]): Language {
  if (typeof lang === 'string' && lang.length <= 35) return pickLanguage([lang, ...accepted]);
  return pickLanguage(accepted);
}

/**
 * A refusal's message in the caller's language: the catalogue's words for its
 * reason, or `english` when the language is English or has no entry.
 *
 * @example
 * localiseError('de', 'WRONG_CREDENTIALS', 'Email or password is wrong.') // 'E-Mail-Adresse oder Passwort ist falsch.'
 */
export function localiseError(
  language: Language,
  key: keyof Catalogue,
  english: string,
  values: Record<string, number | string> = {},
): string {
  if (language === 'en' || !CATALOGUES[language][key]) return english;
  i18n.activate(language);
  return i18n._(key, values);
}
