-- 0013 system and processor register (data map, issue 7): every place personal data lives — other
-- databases, spreadsheets, paper files, SaaS processors, other controllers, authorities — as an
-- extension of the recipients register of 0009. Per entry: where the data lives, for which purposes,
-- which data categories and groups of data subjects; the country and the Chapter V transfer
-- mechanism (Art. 44-49 GDPR) with its details; the data processing agreement (Art. 28, AVV) with
-- its signed date and the signed document; the security measures (Art. 32) and sub-processors.
-- It feeds the record of processing activities (Art. 30(1)(d), (e)), the recipients named in an
-- access answer (Art. 15(1)(c), (2)) and the recipients told of an erasure (Art. 19).
-- The register holds no data about data subjects.

alter table recipients
  add column location text
    check (location in ('database', 'spreadsheet', 'paper', 'saas', 'application', 'other')),
  -- declared purpose ids (purposes.id) the entry holds data for
  add column purposes text[] not null default '{}' check (cardinality(purposes) <= 50),
  -- data category ids (src/domain/privacy/data-categories.ts)
  add column data_categories text[] not null default '{}' check (cardinality(data_categories) <= 20),
  -- groups of data subjects, e.g. 'Kunden', 'Interessenten'
  add column subject_groups text[] not null default '{}' check (cardinality(subject_groups) <= 20),
  -- Chapter V: adequacy decision (Art. 45), EU-US Data Privacy Framework (Art. 45, (EU) 2023/1795),
  -- standard contractual clauses (Art. 46(2)(c)), binding corporate rules (Art. 47), derogation (Art. 49)
  add column transfer_mechanism text
    check (transfer_mechanism in ('adequacy', 'dpf', 'scc', 'bcr', 'derogation')),
  -- SCC module of (EU) 2021/914
  add column scc_module text check (scc_module in ('c2c', 'c2p', 'p2p', 'p2c')),
  -- transfer impact assessment (Schrems II, C-311/18)
  add column tia_date date,
  -- when the DPF certification of the organisation was last checked on the DPF list
  add column dpf_checked_on date,
  -- safeguards and details of the transfer (Art. 49(1) subpara. 2 documentation, supplementary measures)
  add column transfer_note text check (length(transfer_note) <= 2000),
  -- Art. 28 data processing agreement: the day it was signed and the signed document (PDF)
  add column avv_signed_on date,
  add column avv_file_name text check (length(avv_file_name) between 1 and 200),
  add column avv_file bytea check (octet_length(avv_file) <= 5242880),
  add column avv_uploaded_at timestamptz,
  -- Art. 32 technical and organisational measures of the entry
  add column toms text check (length(toms) <= 8000),
  add column sub_processors text check (length(sub_processors) <= 4000),
  add column updated_at timestamptz,
  add constraint recipients_avv_file_complete
    check ((avv_file is null) = (avv_file_name is null) and (avv_file is null) = (avv_uploaded_at is null));

