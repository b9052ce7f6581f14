import type { Language } from '@skycast/validators';

/** A notification's title and body, in the words of one language. */
export interface NotificationText {
  title: string;
  body: string;
}

export const INTL_LOCALE: Record<Language, string> = {
  en: 'en-GB',
  de: 'de-DE',
  es: 'es-ES',
  fr: 'fr-FR',
  ar: 'ar',
};

export type Words = {
  rainStarts: (place: string, minutes: string, time: string, intensity: string) => NotificationText;
  rainStops: (place: string, minutes: string, time: string) => NotificationText;
  below: (place: string, value: string, time: string, tonight: boolean) => NotificationText;
  above: (place: string, value: string, time: string) => NotificationText;
  gusts: (place: string, value: string, time: string) => NotificationText;
  uv: (place: string, value: string, time: string) => NotificationText;
  aqi: (place: string, value: string, time: string) => NotificationText;
  warning: (place: string, event: string, severity: string, detail: string) => NotificationText;
  summary: (place: string, high: string, low: string, chance: string | null) => NotificationText;
  allOf: (place: string, from: string, until: string) => NotificationText;
  /** Tomorrow's high above the date's 90th percentile (warm) or its low below the 10th (cold). */
  unusual: (
    place: string,
    warm: boolean,
    value: string,
    bound: string,
    date: string,
  ) => NotificationText;
  test: (place: string) => NotificationText;
  intensity: Record<string, string>;
  severity: Record<string, string>;
};

export const WORDS: Record<Language, Words> = {
  en: {
    rainStarts: (p, m, t, i) => ({ title: `${p}: rain in ${m} min`, body: `${i} rain from ${t}.` }),
    rainStops: (p, m, t) => ({ title: `${p}: rain stops in ${m} min`, body: `Dry from ${t}.` }),
    below: (p, v, t, n) => ({
      title: n ? `${p}: ${v} tonight` : `${p}: down to ${v}`,
      body: `Down to ${v} at ${t}.`,
    }),
    above: (p, v, t) => ({ title: `${p}: up to ${v}`, body: `Up to ${v} at ${t}.` }),
    gusts: (p, v, t) => ({ title: `${p}: gusts of ${v}`, body: `Gusts up to ${v} at ${t}.` }),
    uv: (p, v, t) => ({ title: `${p}: UV index ${v}`, body: `UV index ${v} at ${t}.` }),
    aqi: (p, v, t) => ({
      title: `${p}: air quality index ${v}`,
      body: `Air quality index ${v} at ${t}.`,
    }),
    warning: (p, e, s, d) => ({ title: `${p}: ${s} warning — ${e}`, body: d }),
    summary: (p, h, l, c) => ({
      title: `${p} today`,
      body: `High ${h}, low ${l}${c ? `, ${c} chance of rain` : ''}.`,
    }),
    allOf: (p, f, u) => ({
      title: `${p}: your conditions are met`,
      body: `Today from ${f} to ${u}.`,
    }),
    unusual: (p, w, v, b, d) =>
      w
        ? {
            title: `${p}: unusually warm tomorrow`,
            body: `High of ${v} on ${d}, above ${b}: the warmest 10 % for the date (1991–2020).`,
          }
        : {
            title: `${p}: unusually cold tomorrow`,
            body: `Low of ${v} on ${d}, below ${b}: the coldest 10 % for the date (1991–2020).`,
          },
    test: (p) => ({
      title: `${p}: test notification`,
      body: 'Notifications from Skycast work on this device.',
    }),
    intensity: { light: 'Light', moderate: 'Moderate', heavy: 'Heavy' },
    severity: {
      minor: 'minor',
      moderate: 'moderate',
      severe: 'severe',
      extreme: 'extreme',
      unknown: 'a',
    },
  },
  de: {
    rainStarts: (p, m, t, i) => ({
      title: `${p}: Regen in ${m} Min.`,
      body: `${i} Regen ab ${t}.`,
    }),
    rainStops: (p, m, t) => ({ title: `${p}: Regen endet in ${m} Min.`, body: `Trocken ab ${t}.` }),
    below: (p, v, t, n) => ({
      title: n ? `${p}: ${v} heute Nacht` : `${p}: bis ${v}`,
      body: `Bis ${v} um ${t}.`,
    }),
    above: (p, v, t) => ({ title: `${p}: bis ${v}`, body: `Bis ${v} um ${t}.` }),
    gusts: (p, v, t) => ({ title: `${p}: Böen bis ${v}`, body: `Böen bis ${v} um ${t}.` }),
    uv: (p, v, t) => ({ title: `${p}: UV-Index ${v}`, body: `UV-Index ${v} um ${t}.` }),
    aqi: (p, v, t) => ({
      title: `${p}: Luftqualitätsindex ${v}`,
      body: `Luftqualitätsindex ${v} um ${t}.`,
    }),
    warning: (p, e, s, d) => ({ title: `${p}: Warnung (${s}) – ${e}`, body: d }),
    summary: (p, h, l, c) => ({
      title: `${p} heute`,
      body: `Höchstwert ${h}, Tiefstwert ${l}${c ? `, Regenwahrscheinlichkeit ${c}` : ''}.`,
    }),
    allOf: (p, f, u) => ({
      title: `${p}: deine Bedingungen sind erfüllt`,
      body: `Heute von ${f} bis ${u}.`,
    }),
    unusual: (p, w, v, b, d) =>
      w
        ? {
            title: `${p}: morgen ungewöhnlich warm`,
            body: `Höchstwert ${v} am ${d}, über ${b}: die wärmsten 10 % für das Datum (1991–2020).`,
          }
        : {
            title: `${p}: morgen ungewöhnlich kalt`,
            body: `Tiefstwert ${v} am ${d}, unter ${b}: die kältesten 10 % für das Datum (1991–2020).`,
          },
    test: (p) => ({
      title: `${p}: Testbenachrichtigung`,
      body: 'Benachrichtigungen von Skycast funktionieren auf diesem Gerät.',
    }),
    intensity: { light: 'Leichter', moderate: 'Mäßiger', heavy: 'Starker' },
    severity: {
      minor: 'gering',
      moderate: 'mäßig',
      severe: 'schwer',
      extreme: 'extrem',
      unknown: '?',
    },
  },
  es: {
    rainStarts: (p, m, t, i) => ({
      title: `${p}: lluvia en ${m} min`,
      body: `Lluvia ${i} desde las ${t}.`,
    }),
    rainStops: (p, m, t) => ({
      title: `${p}: la lluvia para en ${m} min`,
      body: `Seco desde las ${t}.`,
    }),
    below: (p, v, t, n) => ({
      title: n ? `${p}: ${v} esta noche` : `${p}: hasta ${v}`,
      body: `Hasta ${v} a las ${t}.`,
    }),
    above: (p, v, t) => ({ title: `${p}: hasta ${v}`, body: `Hasta ${v} a las ${t}.` }),
    gusts: (p, v, t) => ({
      title: `${p}: rachas de ${v}`,
      body: `Rachas de hasta ${v} a las ${t}.`,
    }),
    uv: (p, v, t) => ({ title: `${p}: índice UV ${v}`, body: `Índice UV ${v} a las ${t}.` }),
    aqi: (p, v, t) => ({
      title: `${p}: índice de calidad del aire ${v}`,
      body: `Índice ${v} a las ${t}.`,
    }),
    warning: (p, e, s, d) => ({ title: `${p}: aviso ${s} — ${e}`, body: d }),
    summary: (p, h, l, c) => ({
      title: `${p} hoy`,
      body: `Máxima ${h}, mínima ${l}${c ? `, ${c} de probabilidad de lluvia` : ''}.`,
    }),
    allOf: (p, f, u) => ({
      title: `${p}: se cumplen tus condiciones`,
      body: `Hoy de ${f} a ${u}.`,
    }),
    unusual: (p, w, v, b, d) =>
      w
        ? {
            title: `${p}: mañana inusualmente cálido`,
            body: `Máxima de ${v} el ${d}, por encima de ${b}: el 10 % más cálido para la fecha (1991–2020).`,
          }
        : {
            title: `${p}: mañana inusualmente frío`,
            body: `Mínima de ${v} el ${d}, por debajo de ${b}: el 10 % más frío para la fecha (1991–2020).`,
          },
    test: (p) => ({
      title: `${p}: notificación de prueba`,
      body: 'Las notificaciones de Skycast funcionan en este dispositivo.',
    }),
    intensity: { light: 'ligera', moderate: 'moderada', heavy: 'fuerte' },
    severity: {
      minor: 'menor',
      moderate: 'moderado',
      severe: 'grave',
      extreme: 'extremo',
      unknown: '?',
    },
  },
  fr: {
    rainStarts: (p, m, t, i) => ({
      title: `${p} : pluie dans ${m} min`,
      body: `Pluie ${i} à partir de ${t}.`,
    }),
    rainStops: (p, m, t) => ({
      title: `${p} : fin de la pluie dans ${m} min`,
      body: `Sec à partir de ${t}.`,
    }),
    below: (p, v, t, n) => ({
      title: n ? `${p} : ${v} cette nuit` : `${p} : jusqu’à ${v}`,
      body: `Jusqu’à ${v} à ${t}.`,
    }),
    above: (p, v, t) => ({ title: `${p} : jusqu’à ${v}`, body: `Jusqu’à ${v} à ${t}.` }),
    gusts: (p, v, t) => ({ title: `${p} : rafales de ${v}`, body: `Rafales jusqu’à ${v} à ${t}.` }),
    uv: (p, v, t) => ({ title: `${p} : indice UV ${v}`, body: `Indice UV ${v} à ${t}.` }),
    aqi: (p, v, t) => ({
      title: `${p} : indice de qualité de l’air ${v}`,
      body: `Indice ${v} à ${t}.`,
    }),
    warning: (p, e, s, d) => ({ title: `${p} : vigilance ${s} — ${e}`, body: d }),
    summary: (p, h, l, c) => ({
      title: `${p} aujourd’hui`,
      body: `Max. ${h}, min. ${l}${c ? `, ${c} de risque de pluie` : ''}.`,
    }),
    allOf: (p, f, u) => ({
      title: `${p} : vos conditions sont réunies`,
      body: `Aujourd’hui de ${f} à ${u}.`,
    }),
    unusual: (p, w, v, b, d) =>
      w
        ? {
            title: `${p} : demain inhabituellement doux`,
            body: `Maximale de ${v} le ${d}, au-dessus de ${b} : les 10 % les plus chauds pour la date (1991–2020).`,
          }
        : {
            title: `${p} : demain inhabituellement froid`,
            body: `Minimale de ${v} le ${d}, en dessous de ${b} : les 10 % les plus froids pour la date (1991–2020).`,
          },
    test: (p) => ({
      title: `${p} : notification de test`,
      body: 'Les notifications de Skycast fonctionnent sur cet appareil.',
    }),
    intensity: { light: 'faible', moderate: 'modérée', heavy: 'forte' },
    severity: {
      minor: 'mineure',
      moderate: 'modérée',
      severe: 'sévère',
      extreme: 'extrême',
      unknown: '?',
    },
  },
  ar: {
    rainStarts: (p, m, t, i) => ({
      title: `${p}: مطر خلال ${m} دقيقة`,
      body: `مطر ${i} ابتداءً من ${t}.`,
    }),
    rainStops: (p, m, t) => ({
      title: `${p}: يتوقف المطر خلال ${m} دقيقة`,
      body: `جاف ابتداءً من ${t}.`,
    }),
    below: (p, v, t, n) => ({
      title: n ? `${p}: ${v} الليلة` : `${p}: حتى ${v}`,
      body: `حتى ${v} عند ${t}.`,
    }),
    above: (p, v, t) => ({ title: `${p}: حتى ${v}`, body: `حتى ${v} عند ${t}.` }),
    gusts: (p, v, t) => ({ title: `${p}: هبّات رياح ${v}`, body: `هبّات حتى ${v} عند ${t}.` }),
    uv: (p, v, t) => ({
      title: `${p}: مؤشر الأشعة فوق البنفسجية ${v}`,
      body: `المؤشر ${v} عند ${t}.`,
    }),
    aqi: (p, v, t) => ({ title: `${p}: مؤشر جودة الهواء ${v}`, body: `المؤشر ${v} عند ${t}.` }),
    warning: (p, e, s, d) => ({ title: `${p}: تحذير ${s} — ${e}`, body: d }),
    summary: (p, h, l, c) => ({
      title: `${p} اليوم`,
      body: `العظمى ${h}، الصغرى ${l}${c ? `، احتمال المطر ${c}` : ''}.`,
    }),
    allOf: (p, f, u) => ({ title: `${p}: تحققت شروطك`, body: `اليوم من ${f} إلى ${u}.` }),
    unusual: (p, w, v, b, d) =>
      w
        ? {
            title: `${p}: غدًا أدفأ من المعتاد`,
            body: `العظمى ${v} يوم ${d}، فوق ${b}: ضمن أدفأ 10٪ لهذا التاريخ (1991–2020).`,
          }
        : {
            title: `${p}: غدًا أبرد من المعتاد`,
            body: `الصغرى ${v} يوم ${d}، دون ${b}: ضمن أبرد 10٪ لهذا التاريخ (1991–2020).`,
          },
    test: (p) => ({ title: `${p}: إشعار تجريبي`, body: 'إشعارات Skycast تعمل على هذا الجهاز.' }),
    intensity: { light: 'خفيف', moderate: 'معتدل', heavy: 'غزير' },
    severity: {
      minor: 'بسيط',
      moderate: 'متوسط',
      severe: 'شديد',
      extreme: 'بالغ الشدة',
      unknown: '?',
    },
  },
};
