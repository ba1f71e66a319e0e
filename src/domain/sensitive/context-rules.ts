import type { Exclusion } from './lexicon.ts';

/**
 * Context rules that drop a lexicon hit. `word` is tested against the whole word the hit lies in
 * (hyphenated compounds included), `before`/`after` against up to 40 characters around it; all
 * lower-cased with ä ö ü ß written as ae oe ue ss, so one rule covers both spellings.
 */
export const EXCLUSIONS: Exclusion[] = [
  // any kind: a surname after a title ("Herr Krebs", "Frau Christ", "Mr Gay")
  {
    id: 'ctx.any.surname',
    before: /(?<![a-z])(herr|herrn|frau|hr\.|fr\.|familie|dr\.|mr\.?|mrs\.?|ms\.?|miss)\s*$/,
  },
  // any kind: an organisation's name ("Cancer Research UK", "DNA Technologies", "Krebs Stiftung")
  {
    id: 'ctx.any.organisation',
    after:
      /^\s*(research|foundation|society|trust|charity|stiftung|e\.\s?v\.|ggmbh|gmbh|ag|ltd|inc|llc|plc|technologies|labs|verlag)\b/,
  },
  // health
  {
    id: 'ctx.health.spa-town',
    kind: 'health',
    word: /^kur-(verwaltung|verein|betrieb|taxe|park|ort|haus|konzert|direktor)/,
  },
  {
    id: 'ctx.health.insurer',
    kind: 'health',
    word: /kranken(kasse|versicher|hausgesellschaft|schwester|pfleger)/,
  },
  { id: 'ctx.health.hospital-as-place', kind: 'health', word: /^krankenhaus/ },
  {
    id: 'ctx.health.hospital-parking',
    kind: 'health',
    word: /(krankenhaus|klinik|hospital)-?(parkplatz|kantine|parking|car)/,
  },
  { id: 'ctx.health.zodiac', kind: 'health', before: /(sternzeichen|star sign|zodiac sign|zodiac)\s*:?\s*$/ },
  { id: 'ctx.health.drywall', kind: 'health', word: /^gips(karton|platte|wand|putz|diele)/ },
  {
    id: 'ctx.health.accessible',
    kind: 'health',
    word: /^rollstuhl(gerecht|rampe|zugang|tauglich|freundlich)/,
  },
  {
    id: 'ctx.health.obstruction',
    kind: 'health',
    word: /(verkehrs|wettbewerbs|sicht|betriebs|bau|markt)behinderung/,
  },
  {
    id: 'ctx.health.technical-diagnosis',
    kind: 'health',
    after:
      /^\s*(des|der|von|of the|of)?\s*(fehler|system|geraet|maschine|anlage|netzwerk|motor|drucker|server|printer|network|engine|machine|error|tool|software|mode|report|port)/,
  },
  { id: 'ctx.health.diagnostics', kind: 'health', word: /^diagnostics?$/ },
  {
    id: 'ctx.health.malware',
    kind: 'health',
    word: /(malware|trojaner|schadsoftware|rechner|system|pc|computer)-?infe[ck]tion/,
  },
  { id: 'ctx.health.stroke-of', kind: 'health', word: /^stroke$/, after: /^\s*(of|on the)\b/ },
  {
    id: 'ctx.health.blind-spot',
    kind: 'health',
    word: /^blind$/,
    after: /^\s*(spot|copy|test|date|bid|kopie|text)/,
  },
  { id: 'ctx.health.blind-tech', kind: 'health', word: /^blind(text|kopie|flansch|leistung)/ },
  { id: 'ctx.health.sick-of', kind: 'health', word: /sick$/, after: /^\s*(of|and tired)\b/ },
  {
    id: 'ctx.health.market',
    kind: 'health',
    after: /^\s*(market|prices?|demand|sales|economy|markt|preise|nachfrage)\b/,
  },
  { id: 'ctx.health.asset-seizure', kind: 'health', word: /^seizure$/, after: /^\s*of\b/ },
  { id: 'ctx.health.attest-that', kind: 'health', word: /^attest(s|ed|ing)?$/, after: /^\s*(that|to)\b/ },
  { id: 'ctx.health.attested-copy', kind: 'health', word: /^attestiert/ },
  {
    id: 'ctx.health.clinic-customer',
    kind: 'health',
    word: /^clinic/,
    after: /^\s*(ordered|orders|bought|placed|invoice|account)/,
  },
  {
    id: 'ctx.health.hospital-customer',
    kind: 'health',
    word: /^hospital/,
    after: /^\s*(ordered|orders|bought|placed|invoice|account|group|trust|supplies)/,
  },
  { id: 'ctx.health.therapy-retail', kind: 'health', before: /retail\s*$/ },
  {
    id: 'ctx.health.product-flu',
    kind: 'health',
    word: /^(injure|injury|injuries)$/,
    before: /(no|without|personal)\s*$/,
  },
  { id: 'ctx.health.gp-racing', kind: 'health', word: /^gp$/, before: /(grand prix|formula|f1)\s*$/ },
  // religion
  { id: 'ctx.religion.faith-in', kind: 'religion', word: /faith$/, after: /^\s*in\b/ },
  { id: 'ctx.religion.good-faith', kind: 'religion', before: /(good|bad|guten|gutem)\s*$/ },
  { id: 'ctx.religion.church-as-customer', kind: 'religion', word: /^(kirchengemeinde|parish)/ },
  {
    id: 'ctx.religion.christ-name',
    kind: 'religion',
    word: /^christ$/,
    after: /^\s*[,]?\s*(gmbh|ag|kg|ohg|&|und soehne)/,
  },
  // ethnic origin
  {
    id: 'ctx.ethnic.rome',
    kind: 'ethnic_origin',
    word: /^roma$/,
    before: /(pizzeria|hotel|ristorante|as|lazio|via|trattoria)\s*$/,
  },
  {
    id: 'ctx.ethnic.rome-after',
    kind: 'ethnic_origin',
    word: /^roma$/,
    after: /^\s*(termini|fiumicino|hotel|ristorante)/,
  },
  {
    id: 'ctx.ethnic.dog-breed',
    kind: 'ethnic_origin',
    word: /^rasse$/,
    before: /(hund|hunde|katze|pferd|welche)\w*\s*$/,
  },
  {
    id: 'ctx.ethnic.dog-breed-after',
    kind: 'ethnic_origin',
    word: /^rasse$/,
    after: /^\s*(des|der|ihres|seines) (hund|katze|pferd)/,
  },
  {
    id: 'ctx.ethnic.pizza-latina',
    kind: 'ethnic_origin',
    word: /^latin[oa]$/,
    after: /^\s*(pizza|music|musik|band|food|restaurant|dance|tanz)/,
  },
  // political opinion
  {
    id: 'ctx.political.legal-party',
    kind: 'political_opinion',
    word: /(vertrags|gegen|prozess|kauf|miet|streit|verfahrens|tarif|kriegs|haupt|neben|mit|dritt|arbeits|vertragschliess|beteiligte|verhandlungs|wohn)partei/,
  },
  { id: 'ctx.political.office-hours', kind: 'political_opinion', word: /^parteiverkehr/ },
  {
    id: 'ctx.political.both-parties',
    kind: 'political_opinion',
    word: /^parteien$/,
    before: /(beide|beiden|die|den|der|alle|allen|beteiligten|zwei|drei)\s*$/,
  },
  {
    id: 'ctx.political.contract-party',
    kind: 'political_opinion',
    word: /^partei(en)?$/,
    after:
      /^\s*(des|dieses|der|im|zum)\s*(vertrag|verfahren|rechtsstreit|kaufvertrag|mietvertrag|kaeufer|verkaeufer|klaeger|beklagten|mieter|vermieter|auftraggeber|auftragnehmer)/,
  },
  {
    id: 'ctx.political.either-party',
    kind: 'political_opinion',
    word: /^partei$/,
    before: /(jede|jeder|eine|einer|andere|anderen|betroffene|betroffenen|keine)\s*$/,
  },
  {
    id: 'ctx.political.take-sides',
    kind: 'political_opinion',
    word: /^partei$/,
    after: /^\s*(ergreif|ergriff|nehm|nahm)/,
  },
  {
    id: 'ctx.political.dialer',
    kind: 'political_opinion',
    word: /(nummern|telefon|tarif|programm|modus|auf|aus)waehler/,
  },
  // trade union
  {
    id: 'ctx.union.strike-news',
    kind: 'trade_union',
    after: /^.{0,25}(streik|warnstreik|tarifverhandlung|tarifabschluss|strike|walkout)/,
  },
  {
    id: 'ctx.union.strike-news-before',
    kind: 'trade_union',
    before: /(streik|warnstreik|strike|walkout)\w*\s*(der|bei|von|by|of)?\s*$/,
  },
  {
    id: 'ctx.union.opera',
    kind: 'trade_union',
    word: /^verdi$/,
    after: /^\s*(-?oper|opera|requiem|aida|arie)/,
  },
  {
    id: 'ctx.union.unite-verb',
    kind: 'trade_union',
    word: /^unite$/,
    after: /^\s*(the|our|all|both|with)\s+(?!union)/,
  },
  {
    id: 'ctx.biometric.technical',
    kind: 'biometric',
    after:
      /^\s*(column|hash|value|spalte|wert|of (the|a|each|every) (file|row|record|data|live|config|document|request|build))/,
  },
  // sex life
  {
    id: 'ctx.sex.coming-out-release',
    kind: 'sex_life',
    word: /^coming[\s-]+out$/,
    after: /^\s*(next|this|on|in|soon|later|of|with|at)\b/,
  },
  {
    id: 'ctx.sex.came-out-result',
    kind: 'sex_life',
    word: /^came[\s-]+out$/,
    after: /^\s*(of|at|on|in|to|with|as expected|fine|well|wrong|ahead)\b/,
  },
  // biometric: a device that reads them is a product, not a person's data
  {
    id: 'ctx.biometric.device',
    kind: 'biometric',
    word: /(fingerabdruck|fingerprint|iris|gesichtserkennung|face)-?(scanner|sensor|leser|lesegeraet|modul|terminal|reader)/,
  },
  {
    id: 'ctx.biometric.device-after',
    kind: 'biometric',
    after: /^\s*(scanner|reader|sensor|module|terminal|lesegeraet|leser)/,
  },
  {
    id: 'ctx.biometric.digital',
    kind: 'biometric',
    before:
      /(browser|device|digital|key|ssh|certificate|tls|sha-?\d*|pgp|gpg|file|geraete|zertifikats|schluessel)[- ]?\s*$/,
  },
  {
    id: 'ctx.biometric.of-key',
    kind: 'biometric',
    after: /^\s*(des|of the|of)\s*(zertifikat|schluessel|certificate|key|server)/,
  },
  {
    id: 'ctx.biometric.ecological',
    kind: 'biometric',
    word: /(co2|oeko|oekologisch|carbon|ecological)-?(fussabdruck|footprint)/,
  },
];
