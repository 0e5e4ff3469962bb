-- Rekindle schema, version 2: the counsellor's intake, cautions and scored measures.
-- Everything here is clinical: only counsellors read or write it, and every read is audited.

-- The intake's checklists, as reference rows with stable codes. Rules in core refer to codes;
-- labels are the clinic's to edit, and a clinic can add its own items (added_by_clinic = 1).
CREATE TABLE checklist_items (
    list            TEXT NOT NULL,
    code            TEXT NOT NULL,
    label           TEXT NOT NULL,
    group_code      TEXT,
    sort            INTEGER NOT NULL,
    active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    added_by_clinic INTEGER NOT NULL DEFAULT 0 CHECK (added_by_clinic IN (0, 1)),
    PRIMARY KEY (list, code)
) STRICT, WITHOUT ROWID;

INSERT INTO checklist_items (list, code, label, group_code, sort) VALUES
    -- What was diagnosed. group: cancer or chronic illness.
    ('diagnosis', 'breast',          'Breast cancer',                  'cancer',  1),
    ('diagnosis', 'prostate',        'Prostate cancer',                'cancer',  2),
    ('diagnosis', 'cervix',          'Cervical cancer',                'cancer',  3),
    ('diagnosis', 'ovary',           'Ovarian cancer',                 'cancer',  4),
    ('diagnosis', 'uterus',          'Uterine (womb) cancer',          'cancer',  5),
    ('diagnosis', 'colorectal',      'Colorectal cancer',              'cancer',  6),
    ('diagnosis', 'bladder',         'Bladder cancer',                 'cancer',  7),
    ('diagnosis', 'testis',          'Testicular cancer',              'cancer',  8),
    ('diagnosis', 'blood',           'Blood cancer',                   'cancer',  9),
    ('diagnosis', 'head_neck',       'Head and neck cancer',           'cancer', 10),
    ('diagnosis', 'other_cancer',    'Another cancer',                 'cancer', 11),
    ('diagnosis', 'chronic_illness', 'A chronic illness',              'chronic', 20),
    -- Kinds of treatment.
    ('treatment', 'surgery',      'Surgery',                 NULL, 1),
    ('treatment', 'mastectomy',   'Mastectomy',              NULL, 2),
    ('treatment', 'prostatectomy','Prostatectomy',           NULL, 3),
    ('treatment', 'hysterectomy', 'Hysterectomy',            NULL, 4),
    ('treatment', 'ostomy',       'Surgery forming an ostomy', NULL, 5),
    ('treatment', 'chemotherapy', 'Chemotherapy',            NULL, 6),
    ('treatment', 'radiation',    'Radiotherapy',            NULL, 7),
    ('treatment', 'hormonal',     'Hormonal therapy',        NULL, 8),
    ('treatment', 'immunotherapy','Immunotherapy or targeted therapy', NULL, 9),
    ('treatment', 'other',        'Other treatment',         NULL, 10),
    -- Agent classes of hormonal therapy.
    ('agent_class', 'aromatase_inhibitor',   'Aromatase inhibitor',   NULL, 1),
    ('agent_class', 'tamoxifen',             'Tamoxifen',             NULL, 2),
    ('agent_class', 'androgen_deprivation',  'Androgen deprivation',  NULL, 3),
    ('agent_class', 'other_hormonal',        'Other hormonal agent',  NULL, 4),
    -- Treatment side effects (each recorded with a severity).
    ('side_effect', 'vaginal_dryness',     'Vaginal dryness',               NULL, 1),
    ('side_effect', 'erectile_difficulty', 'Erectile difficulties',         NULL, 2),
    ('side_effect', 'pain',                'Pain',                          NULL, 3),
    ('side_effect', 'joint_pain',          'Joint pain',                    NULL, 4),
    ('side_effect', 'hot_flashes',         'Hot flashes',                   NULL, 5),
    ('side_effect', 'low_desire',          'Lower desire',                  NULL, 6),
    ('side_effect', 'anxiety',             'Anxiety',                       NULL, 7),
    ('side_effect', 'depression',          'Low mood or depression',        NULL, 8),
    ('side_effect', 'hair_loss',           'Hair loss',                     NULL, 9),
    ('side_effect', 'body_change',         'Loss of a breast or another body change', NULL, 10),
    ('side_effect', 'scars',               'Scars',                         NULL, 11),
    ('side_effect', 'bowel_changes',       'Bowel changes',                 NULL, 12),
    ('side_effect', 'insomnia',            'Trouble sleeping',              NULL, 13),
    ('side_effect', 'fatigue',             'Fatigue',                       NULL, 14),
    ('side_effect', 'neuropathy',          'Numbness, tingling or burning in hands or feet', NULL, 15),
    ('side_effect', 'hormonal_changes',    'Hormonal changes',              NULL, 16),
    ('side_effect', 'fertility_changes',   'Changes to fertility',          NULL, 17),
    -- Body-image concerns.
    ('body_image', 'avoids_mirrors',        'Avoids mirrors',                               NULL, 1),
    ('body_image', 'scars',                 'Scars',                                        NULL, 2),
    ('body_image', 'breast_removal',        'Breast removal',                               NULL, 3),
    ('body_image', 'hair_loss',             'Hair loss',                                    NULL, 4),
    ('body_image', 'weight_shape',          'Change in weight or shape',                    NULL, 5),
    ('body_image', 'ostomy_or_port',        'Ostomy or port',                               NULL, 6),
    ('body_image', 'feels_unattractive',    'Feels unattractive',                           NULL, 7),
    ('body_image', 'fears_partner_view',    'Fears a partner finds them unattractive',      NULL, 8),
    ('body_image', 'avoids_being_seen',     'Avoids being seen undressed',                  NULL, 9),
    -- Emotional factors.
    ('emotional', 'fear_of_rejection',     'Fear of rejection',                            NULL, 1),
    ('emotional', 'anxiety_about_pain',    'Anxiety about pain',                           NULL, 2),
    ('emotional', 'guilt_burden',          'Guilt at being a burden',                      NULL, 3),
    ('emotional', 'low_self_worth',        'Low self-worth',                               NULL, 4),
    ('emotional', 'loneliness',            'Loneliness',                                   NULL, 5),
    ('emotional', 'carer_patient',         'Relationship has become carer and patient, or "roommates"', NULL, 6),
    ('emotional', 'silence_avoidance',     'Silence and avoidance between partners',       NULL, 7),
    ('emotional', 'partner_holding_back',  'A partner holds back for fear of hurting or pressuring', NULL, 8),
    -- Suspected causes of pain during sex, in five groups.
    ('pain_cause', 'dryness',              'Vaginal dryness',                              'physical', 1),
    ('pain_cause', 'infection_irritation', 'Infection or irritation (yeast, urinary infection, soaps, condoms)', 'physical', 2),
    ('pain_cause', 'pelvic_floor',         'Pelvic-floor tightness or spasm',              'physical', 3),
    ('pain_cause', 'endometriosis_fibroids','Endometriosis or fibroids',                   'physical', 4),
    ('pain_cause', 'vaginismus',           'Vaginismus',                                   'physical', 5),
    ('pain_cause', 'low_estrogen',         'Low estrogen thinning the tissue',             'hormonal', 6),
    ('pain_cause', 'contraception',        'Hormonal contraception reducing lubrication',  'hormonal', 7),
    ('pain_cause', 'anxiety_depression',   'Anxiety, depression or stress',                'emotional', 8),
    ('pain_cause', 'past_trauma',          'Past sexual trauma or abuse',                  'emotional', 9),
    ('pain_cause', 'relationship_stress',  'Relationship stress or no sense of safety',    'emotional', 10),
    ('pain_cause', 'arousal',              'Not enough arousal or foreplay',               'arousal', 11),
    ('pain_cause', 'interstitial_cystitis','Interstitial cystitis',                        'chronic', 12),
    ('pain_cause', 'ibs',                  'Irritable bowel syndrome',                     'chronic', 13),
    ('pain_cause', 'autoimmune',           'Autoimmune disease',                           'chronic', 14);

-- One intake per person. Single-valued answers live here; lists live in the tables below.
CREATE TABLE intakes (
    id                        INTEGER PRIMARY KEY,
    person_id                 INTEGER NOT NULL UNIQUE REFERENCES people (id),
    status                    TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signed')),
    medical_notes             TEXT,
    hormone_receptor_positive TEXT NOT NULL DEFAULT 'unknown' CHECK (hormone_receptor_positive IN ('yes', 'no', 'unknown')),
    clearance                 TEXT NOT NULL DEFAULT 'not_asked' CHECK (clearance IN ('yes', 'no', 'not_asked')),
    clearance_by              TEXT,
    clearance_on              TEXT,
    latex_allergy             INTEGER NOT NULL DEFAULT 0 CHECK (latex_allergy IN (0, 1)),
    other_allergies           TEXT,
    has_ostomy                INTEGER NOT NULL DEFAULT 0 CHECK (has_ostomy IN (0, 1)),
    lymphoedema_side          TEXT NOT NULL DEFAULT 'none' CHECK (lymphoedema_side IN ('none', 'left', 'right', 'both')),
    body_image_notes          TEXT,
    emotional_notes           TEXT,
    pain_during_sex           INTEGER NOT NULL DEFAULT 0 CHECK (pain_during_sex IN (0, 1)),
    pain_where                TEXT CHECK (pain_where IN ('entry', 'deep', 'both')),
    pain_when                 TEXT,
    pain_intensity            INTEGER CHECK (pain_intensity BETWEEN 0 AND 10),
    pain_since                TEXT,
    pain_better               TEXT,
    pain_worse                TEXT,
    pain_new_or_worsening     INTEGER NOT NULL DEFAULT 0 CHECK (pain_new_or_worsening IN (0, 1)),
    infection_signs           INTEGER NOT NULL DEFAULT 0 CHECK (infection_signs IN (0, 1)),
    intimacy_meaning          TEXT,
    goals                     TEXT,
    fertility_wish            TEXT NOT NULL DEFAULT 'not_discussed' CHECK (fertility_wish IN ('not_discussed', 'not_relevant', 'wants_children', 'unsure')),
    fertility_notes           TEXT,
    disclosure_concern        INTEGER NOT NULL DEFAULT 0 CHECK (disclosure_concern IN (0, 1)),
    dating_notes              TEXT,
    created_by                INTEGER NOT NULL REFERENCES accounts (id),
    created_at                TEXT NOT NULL,
    updated_at                TEXT NOT NULL,
    signed_by                 INTEGER REFERENCES accounts (id),
    signed_at                 TEXT
) STRICT;

CREATE TABLE intake_diagnoses (
    id           INTEGER PRIMARY KEY,
    intake_id    INTEGER NOT NULL REFERENCES intakes (id),
    diagnosis    TEXT NOT NULL,            -- checklist 'diagnosis'
    detail       TEXT,                     -- e.g. which chronic illness
    stage        TEXT,
    metastatic   INTEGER NOT NULL DEFAULT 0 CHECK (metastatic IN (0, 1)),
    diagnosed_on TEXT,
    sort         INTEGER NOT NULL
) STRICT;
CREATE INDEX intake_diagnoses_intake ON intake_diagnoses (intake_id);

CREATE TABLE intake_treatments (
    id          INTEGER PRIMARY KEY,
    intake_id   INTEGER NOT NULL REFERENCES intakes (id),
    kind        TEXT NOT NULL,             -- checklist 'treatment'
    agent_class TEXT,                      -- checklist 'agent_class'
    pelvic      INTEGER NOT NULL DEFAULT 0 CHECK (pelvic IN (0, 1)),
    status      TEXT NOT NULL CHECK (status IN ('planned', 'ongoing', 'finished')),
    started_on  TEXT,
    ended_on    TEXT,
    sort        INTEGER NOT NULL
) STRICT;
CREATE INDEX intake_treatments_intake ON intake_treatments (intake_id);

CREATE TABLE intake_side_effects (
    intake_id INTEGER NOT NULL REFERENCES intakes (id),
    code      TEXT NOT NULL,               -- checklist 'side_effect'
    severity  TEXT NOT NULL CHECK (severity IN ('none', 'mild', 'moderate', 'severe')),
    note      TEXT,
    PRIMARY KEY (intake_id, code)
) STRICT, WITHOUT ROWID;

-- Ticked checklist items: body image, emotional factors, suspected pain causes.
CREATE TABLE intake_ticks (
    intake_id INTEGER NOT NULL REFERENCES intakes (id),
    list      TEXT NOT NULL CHECK (list IN ('body_image', 'emotional', 'pain_cause')),
    code      TEXT NOT NULL,
    PRIMARY KEY (intake_id, list, code)
) STRICT, WITHOUT ROWID;

-- Each partner's side of things, as the counsellor heard it.
CREATE TABLE intake_partners (
    intake_id          INTEGER NOT NULL REFERENCES intakes (id),
    person_id          INTEGER NOT NULL REFERENCES people (id),
    perspective        TEXT,
    attends            INTEGER NOT NULL DEFAULT 0 CHECK (attends IN (0, 1)),
    consent_to_contact INTEGER NOT NULL DEFAULT 0 CHECK (consent_to_contact IN (0, 1)),
    PRIMARY KEY (intake_id, person_id)
) STRICT, WITHOUT ROWID;

-- After signing, corrections are dated addenda by their author.
CREATE TABLE intake_addenda (
    id         INTEGER PRIMARY KEY,
    intake_id  INTEGER NOT NULL REFERENCES intakes (id),
    author_id  INTEGER NOT NULL REFERENCES accounts (id),
    written_at TEXT NOT NULL,
    text       TEXT NOT NULL
) STRICT;

-- A counsellor's recorded decision to set a caution aside, with the reason. Kept, never edited.
CREATE TABLE caution_overrides (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people (id),
    caution     TEXT NOT NULL,
    reason      TEXT NOT NULL,
    recorded_by INTEGER NOT NULL REFERENCES accounts (id),
    recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX caution_overrides_person ON caution_overrides (person_id);

-- Scored measures, defined as data. A clinic holding a licence for another instrument adds
-- rows here (shipped = 0); Rekindle ships only instruments free to reproduce.
CREATE TABLE instruments (
    code        TEXT PRIMARY KEY,
    title       TEXT NOT NULL,
    question    TEXT NOT NULL,             -- the stem shown above the items
    licence     TEXT NOT NULL,
    shipped     INTEGER NOT NULL DEFAULT 1 CHECK (shipped IN (0, 1)),
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    sort        INTEGER NOT NULL
) STRICT;

CREATE TABLE instrument_items (
    instrument TEXT NOT NULL REFERENCES instruments (code),
    number     INTEGER NOT NULL,
    text       TEXT NOT NULL,
    PRIMARY KEY (instrument, number)
) STRICT, WITHOUT ROWID;

CREATE TABLE instrument_options (
    instrument TEXT NOT NULL REFERENCES instruments (code),
    value      INTEGER NOT NULL,
    label      TEXT NOT NULL,
    PRIMARY KEY (instrument, value)
) STRICT, WITHOUT ROWID;

-- Bands of the total (sum of item values), inclusive.
CREATE TABLE instrument_bands (
    instrument TEXT NOT NULL REFERENCES instruments (code),
    min_total  INTEGER NOT NULL,
    max_total  INTEGER NOT NULL,
    label      TEXT NOT NULL,
    PRIMARY KEY (instrument, min_total)
) STRICT, WITHOUT ROWID;

-- Answers that must stop the counsellor until acknowledged.
CREATE TABLE instrument_alerts (
    instrument  TEXT NOT NULL REFERENCES instruments (code),
    item_number INTEGER NOT NULL,
    min_value   INTEGER NOT NULL,
    message     TEXT NOT NULL,
    PRIMARY KEY (instrument, item_number)
) STRICT, WITHOUT ROWID;

-- PHQ-9 and GAD-7 (Spitzer, Williams, Kroenke et al.; developed with a grant from Pfizer, which
-- states that no permission is required to reproduce, translate, display or distribute them).
-- Their item wording is the validated instrument and is reproduced exactly.
INSERT INTO instruments (code, title, question, licence, sort) VALUES
    ('phq9', 'PHQ-9 (depression)', 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
     'Free to reproduce: no permission required (Pfizer).', 1),
    ('gad7', 'GAD-7 (anxiety)', 'Over the last 2 weeks, how often have you been bothered by the following problems?',
     'Free to reproduce: no permission required (Pfizer).', 2),
    ('pain_nrs', 'Pain during sex (0-10)', 'During intercourse or attempted intercourse in the last 2 weeks, how strong was the pain at its worst?',
     'A numeric rating scale written for Rekindle.', 3);

INSERT INTO instrument_items (instrument, number, text) VALUES
    ('phq9', 1, 'Little interest or pleasure in doing things'),
    ('phq9', 2, 'Feeling down, depressed, or hopeless'),
    ('phq9', 3, 'Trouble falling or staying asleep, or sleeping too much'),
    ('phq9', 4, 'Feeling tired or having little energy'),
    ('phq9', 5, 'Poor appetite or overeating'),
    ('phq9', 6, 'Feeling bad about yourself — or that you are a failure or have let yourself or your family down'),
    ('phq9', 7, 'Trouble concentrating on things, such as reading the newspaper or watching television'),
    ('phq9', 8, 'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual'),
    ('phq9', 9, 'Thoughts that you would be better off dead or of hurting yourself in some way'),
    ('gad7', 1, 'Feeling nervous, anxious or on edge'),
    ('gad7', 2, 'Not being able to stop or control worrying'),
    ('gad7', 3, 'Worrying too much about different things'),
    ('gad7', 4, 'Trouble relaxing'),
    ('gad7', 5, 'Being so restless that it is hard to sit still'),
    ('gad7', 6, 'Becoming easily annoyed or irritable'),
    ('gad7', 7, 'Feeling afraid as if something awful might happen'),
    ('pain_nrs', 1, 'Pain at its worst (0 = no pain, 10 = the worst pain imaginable)');

INSERT INTO instrument_options (instrument, value, label) VALUES
    ('phq9', 0, 'Not at all'), ('phq9', 1, 'Several days'), ('phq9', 2, 'More than half the days'), ('phq9', 3, 'Nearly every day'),
    ('gad7', 0, 'Not at all'), ('gad7', 1, 'Several days'), ('gad7', 2, 'More than half the days'), ('gad7', 3, 'Nearly every day'),
    ('pain_nrs', 0, '0'), ('pain_nrs', 1, '1'), ('pain_nrs', 2, '2'), ('pain_nrs', 3, '3'), ('pain_nrs', 4, '4'), ('pain_nrs', 5, '5'),
    ('pain_nrs', 6, '6'), ('pain_nrs', 7, '7'), ('pain_nrs', 8, '8'), ('pain_nrs', 9, '9'), ('pain_nrs', 10, '10');

INSERT INTO instrument_bands (instrument, min_total, max_total, label) VALUES
    ('phq9', 0, 4, 'Minimal'), ('phq9', 5, 9, 'Mild'), ('phq9', 10, 14, 'Moderate'),
    ('phq9', 15, 19, 'Moderately severe'), ('phq9', 20, 27, 'Severe'),
    ('gad7', 0, 4, 'Minimal'), ('gad7', 5, 9, 'Mild'), ('gad7', 10, 14, 'Moderate'), ('gad7', 15, 21, 'Severe'),
    ('pain_nrs', 0, 0, 'No pain'), ('pain_nrs', 1, 3, 'Mild'), ('pain_nrs', 4, 6, 'Moderate'), ('pain_nrs', 7, 10, 'Severe');

INSERT INTO instrument_alerts (instrument, item_number, min_value, message) VALUES
    ('phq9', 9, 1, 'The client reported thoughts of being better off dead or of self-harm. Assess their safety now, before going on, and follow the clinic''s safety procedure.');

-- One administration of a measure, with its answers and score.
CREATE TABLE measure_results (
    id                   INTEGER PRIMARY KEY,
    person_id            INTEGER NOT NULL REFERENCES people (id),
    instrument           TEXT NOT NULL REFERENCES instruments (code),
    taken_on             TEXT NOT NULL,
    total                INTEGER NOT NULL,
    band                 TEXT NOT NULL,
    alert                INTEGER NOT NULL DEFAULT 0 CHECK (alert IN (0, 1)),
    acknowledged_by      INTEGER REFERENCES accounts (id),
    acknowledged_at      TEXT,
    recorded_by          INTEGER NOT NULL REFERENCES accounts (id),
    recorded_at          TEXT NOT NULL
) STRICT;
CREATE INDEX measure_results_person ON measure_results (person_id, instrument, taken_on);

CREATE TABLE measure_answers (
    result_id   INTEGER NOT NULL REFERENCES measure_results (id),
    item_number INTEGER NOT NULL,
    value       INTEGER NOT NULL,
    PRIMARY KEY (result_id, item_number)
) STRICT, WITHOUT ROWID;
