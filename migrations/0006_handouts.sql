-- Rekindle schema, version 6: handouts and printing.
-- Handout templates are data: an administrator edits them in the app, each edit adds a version,
-- and every print records which version was printed, for whom, by whom and when.

-- How the clinic prints: paper, and how discreet sheets are by default. A discreet sheet names
-- the client by first name (or initials), has a neutral title and no clinical words, and may
-- leave the clinic's name off.
ALTER TABLE clinic ADD COLUMN paper TEXT NOT NULL DEFAULT 'a4' CHECK (paper IN ('a4', 'letter'));
ALTER TABLE clinic ADD COLUMN discreet_by_default INTEGER NOT NULL DEFAULT 0 CHECK (discreet_by_default IN (0, 1));
ALTER TABLE clinic ADD COLUMN discreet_name TEXT NOT NULL DEFAULT 'first_name' CHECK (discreet_name IN ('first_name', 'initials'));
ALTER TABLE clinic ADD COLUMN discreet_clinic_name INTEGER NOT NULL DEFAULT 0 CHECK (discreet_clinic_name IN (0, 1));
ALTER TABLE clinic ADD COLUMN logo_png BLOB;

-- A client's own choice; NULL follows the clinic's default.
ALTER TABLE people ADD COLUMN print_discreet INTEGER CHECK (print_discreet IN (0, 1));

CREATE TABLE handout_templates (
    id              INTEGER PRIMARY KEY,
    slug            TEXT NOT NULL UNIQUE,
    kind            TEXT NOT NULL CHECK (kind IN ('homework', 'education')),
    current_version INTEGER NOT NULL,
    sort            INTEGER NOT NULL
) STRICT;

CREATE TABLE handout_template_versions (
    template_id    INTEGER NOT NULL REFERENCES handout_templates (id),
    version        INTEGER NOT NULL,
    title          TEXT NOT NULL,
    discreet_title TEXT NOT NULL,
    body           TEXT NOT NULL,      -- see core/src/handouts/markup.rs
    created_by     INTEGER REFERENCES accounts (id),   -- NULL for what Rekindle ships
    created_at     TEXT NOT NULL,
    PRIMARY KEY (template_id, version)
) STRICT, WITHOUT ROWID;

CREATE TABLE handout_prints (
    id                INTEGER PRIMARY KEY,
    person_id         INTEGER NOT NULL REFERENCES people (id),
    template_id       INTEGER NOT NULL,
    version           INTEGER NOT NULL,
    -- A homework sheet: the session whose tasks it printed.
    course_session_id INTEGER REFERENCES course_sessions (id),
    printed_by        INTEGER NOT NULL REFERENCES accounts (id),
    printed_at        TEXT NOT NULL,
    destination       TEXT NOT NULL CHECK (destination IN ('printer', 'pdf', 'viewer')),
    copies            INTEGER NOT NULL DEFAULT 1 CHECK (copies BETWEEN 1 AND 20),
    discreet          INTEGER NOT NULL CHECK (discreet IN (0, 1)),
    with_diagnosis    INTEGER NOT NULL CHECK (with_diagnosis IN (0, 1)),
    FOREIGN KEY (template_id, version) REFERENCES handout_template_versions (template_id, version)
) STRICT;
CREATE INDEX handout_prints_person ON handout_prints (person_id, printed_at);

CREATE TRIGGER handout_prints_no_update BEFORE UPDATE ON handout_prints
BEGIN SELECT RAISE(ABORT, 'print records cannot be changed'); END;

INSERT INTO handout_templates (id, slug, kind, current_version, sort) VALUES
    (1, 'homework', 'homework', 1, 1),
    (2, 'lubricants', 'education', 1, 2),
    (3, 'touch-without-pressure', 'education', 1, 3),
    (4, 'talking-together', 'education', 1, 4),
    (5, 'kind-to-your-body', 'education', 1, 5);

INSERT INTO handout_template_versions (template_id, version, title, discreet_title, body, created_by, created_at) VALUES
(1, 1, 'Your homework until we meet again', 'Your plan for this week',
'These are the things we agreed to try before we next meet. There is no pass or fail: notice what happens, stop whenever you want, and bring what you noticed to your next appointment.

# What to do
{tasks}

# Tick each day you do it
{grid}

{box 5 What I noticed}
{box 3 Questions for next time}

# Next time
{appointment}', NULL, '2026-11-23T00:00:00+00:00'),

(2, 1, 'Lubricants and moisturisers', 'Comfort and care products',
'Dryness and friction are common, and they are not your fault. Two kinds of product help, and they do different jobs.

# Moisturisers and lubricants are different
- A moisturiser is used regularly, every two or three days, to keep tissue comfortable from day to day.
- A lubricant is used during touch or sex, to reduce friction at the time.

# Choosing a lubricant
- Water-based lubricants wash off easily and are safe with condoms and silicone toys.
- Silicone-based lubricants last longer and suit longer touch or time in water.
- Products with perfume, warming or tingling ingredients can sting: choose plain ones.
- Oil-based products weaken latex condoms.
{if caution latex_allergy}
> Because of your latex allergy, use condoms made of polyurethane or polyisoprene, never latex.
{end}

# Choosing a moisturiser
{if caution avoid_estrogen}
- Choose a hormone-free moisturiser, for example one based on hyaluronic acid or a plain plant gel.
- Read the label: leave any cream, gel, tablet or ring that contains hormones on the shelf.
{if full}
> Check every product choice with your oncologist before you start it. If you are unsure about a product, bring it or its packaging to your next appointment.
{end}
{unless full}
> Check every product choice with your treating doctor before you start it. If you are unsure about a product, bring it or its packaging to your next appointment.
{end}
{end}
{unless caution avoid_estrogen}
- Hyaluronic-acid and plant-based moisturisers are sold without a prescription.
- If dryness carries on, ask your doctor whether a low-dose vaginal estrogen cream, tablet or ring would suit you.
{end}

# Try this week
[ ] Choose one lubricant and one moisturiser to try
[ ] Use the moisturiser every two or three days
[ ] Try the lubricant at a relaxed moment, with no goal in mind
{box 4 What I noticed}

{appointment}', NULL, '2026-11-23T00:00:00+00:00'),

(3, 1, 'Touch without pressure', 'Time together',
'This is a way to enjoy touch again, step by step, without expectations. Each stage lasts as long as you need. Move on only when the one before feels comfortable, and talk it over at your next appointment first.

# How it works
1. Non-sexual touch: take turns touching hands, arms, back and hair for fifteen minutes, with breasts and genitals left out.
2. Sensual touch: when that feels easy, include the whole body except the genitals, and say what feels good.
3. Sexual touch: only when you both feel ready, and only after your counsellor and you have agreed it.
{if caution no_clearance}
> Wait for your doctor''s go-ahead before any sexual touch. Stages one and two are fine meanwhile.
{end}

# Keep in mind
- Choose a warm, private time when neither of you is rushed or tired.
- The one being touched says what feels good, and either of you can pause at any moment.
- Afterwards, share one thing you enjoyed.

{box 4 What we noticed}

{appointment}', NULL, '2026-11-23T00:00:00+00:00'),

(4, 1, 'Talking about intimacy together', 'Talking together',
'Talking about what has changed can feel harder than the changes themselves. A few habits make it easier for both of you.

# Before you talk
- Choose a calm moment, not in bed and not straight after a difficult time.
- Agree that nothing said will be held against either of you.

# While you talk
- Start from yourself: “I feel … when … and I would like …”.
- Listen to understand, and say back what you heard before you answer.
- Accept your partner''s feelings as real, even when you see things differently.
- Show love in ways that are not about sex, too.

# Try this week
[ ] Set aside ten minutes for one check-in, with no phones
[ ] Each share one thing you miss and one thing you value now
{box 4 What we noticed}

{appointment}', NULL, '2026-11-23T00:00:00+00:00'),

(5, 1, 'Being kind to a changed body', 'Being kind to yourself',
'Bodies change through illness and treatment, and it is natural to feel unsure about them. Getting to know your body again, gently and at your own pace, can ease that unease.

# Small steps
1. Look at yourself in a mirror for a minute, clothed at first if you prefer, and breathe slowly.
2. Find one part you like and say something kind about it.
3. When you feel ready, look at a scar or a changed area and think of what your body has come through.
4. Wear something you feel good in, just for yourself.

# When thoughts get loud
- Notice a harsh thought, name it (“there is the worry again”), and let it pass.
- Come back to what you can feel right now: warmth, breath, touch.

{box 4 What I noticed}

{appointment}', NULL, '2026-11-23T00:00:00+00:00');
