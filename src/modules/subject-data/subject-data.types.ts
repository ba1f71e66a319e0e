/**
 * The machine-readable answer to an access (Art. 15) or portability (Art. 20) request.
 * Owner: subject-data. Other modules (letters, portal) read it but never build it.
 */
export type Art15Facts = {
  /** (a) purposes of the processing, with their legal basis */
  purposes: { id: string; label: string; legalBasis: string }[];
  /** (b) categories of personal data held */
  categories: { id: string; label: string }[];
  /** (c) recipients (identity, per CJEU C-154/21) with the categories they got and when */
  recipients: {
    name: string;
    kind: string;
    country: string | null;
    categories: string[];
    lastDisclosedAt: string;
  }[];
  /**
   * (c), Art. 15(2): the recipients by the system and processor register — processors, other
   * controllers and authorities that hold data for the person's purposes, with country and transfer
   * mechanism. Absent in exports compiled before the register existed.
   */
  registerRecipients?: RegisterRecipientFact[];
  /** (d) storage period or the criteria for it, per category or record kind */
  retention: { subject: string; rule: string }[];
  /** (e), (f) the rights, including the complaint to a supervisory authority */
  rights: string[];
  /** (g) the source where the data was not collected from the person */
  source: { kind: string; detail: string | null; collectedAt: string; importBatches: string[] };
  /** (h) automated decision-making and profiling */
  automatedDecisions: string;
  /** Remarks on the answer itself, e.g. what Custos does not keep yet (the consent register, issue 6) */
  notes?: string[];
};

export type RegisterRecipientFact = {
  name: string;
  kind: string;
  country: string | null;
  thirdCountry: boolean;
  /** adequacy, dpf, scc, bcr, derogation, or null when none is needed or none is documented */
  transferMechanism: string | null;
  /** the adequacy decision covering the country, if any */
  adequacyDecision: string | null;
  /** the data categories the register lists for the entry */
  categories: string[];
  /** the person's purposes the entry holds data for */
  purposes: string[];
};

export type SubjectExport = {
  schema: 'custos.subject-export/v1';
  scope: 'access' | 'portability';
  generatedAt: string;
  locale: 'de' | 'en';
  personId: string;
  facts: Art15Facts;
  /** Every table that holds data about the person: table name → rows (camelCase keys, values opened). */
  tables: Record<string, Record<string, unknown>[]>;
};
