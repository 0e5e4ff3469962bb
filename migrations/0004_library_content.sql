-- Rekindle schema, version 4: the content library that Rekindle ships (version 1 of each item).
-- Education topics, communication exercises, acceptance-based steps, practical guidance and
-- homework tasks that sessions and printed sheets draw on. Every text here is Rekindle's own
-- writing. Handout texts are discreet: they name no diagnosis, and only the vaginal estrogen
-- item suggests an estrogen product, and only if the oncologist approves it.
-- `steps` holds one step per line. Caution tags: see caution_tags in 0003_library.sql.

INSERT INTO library_items (id, slug, section, thread, thread_step, current_version) VALUES
    (1, 'edu_treatment_effects', 'education', NULL, NULL, 1),
    (2, 'edu_vaginal_dryness', 'education', NULL, NULL, 1),
    (3, 'edu_erectile_changes', 'education', NULL, NULL, 1),
    (4, 'edu_estrogen_caution', 'education', NULL, NULL, 1),
    (5, 'edu_intimacy_vs_sex', 'education', NULL, NULL, 1),
    (6, 'edu_body_changes', 'education', NULL, NULL, 1),
    (7, 'edu_fertility', 'education', NULL, NULL, 1),
    (8, 'edu_painful_sex_causes', 'education', NULL, NULL, 1),
    (9, 'edu_fatigue_and_desire', 'education', NULL, NULL, 1),
    (10, 'edu_counselling', 'education', NULL, NULL, 1),
    (11, 'com_i_feel_statements', 'communication', NULL, NULL, 1),
    (12, 'com_judgement_free_space', 'communication', NULL, NULL, 1),
    (13, 'com_validating_feelings', 'communication', NULL, NULL, 1),
    (14, 'com_regular_checkins', 'communication', NULL, NULL, 1),
    (15, 'com_active_listening', 'communication', NULL, NULL, 1),
    (16, 'com_love_non_sexual', 'communication', NULL, NULL, 1),
    (17, 'com_before_after_sex', 'communication', NULL, NULL, 1),
    (18, 'com_telling_partner_side_effects', 'communication', NULL, NULL, 1),
    (19, 'com_disclosure_rehearsal', 'communication', NULL, NULL, 1),
    (20, 'act_present_moment', 'acceptance', 'acceptance', 1, 1),
    (21, 'act_defusion', 'acceptance', 'acceptance', 2, 1),
    (22, 'act_opening_up', 'acceptance', 'acceptance', 3, 1),
    (23, 'act_values', 'acceptance', 'acceptance', 4, 1),
    (24, 'act_committed_action', 'acceptance', 'acceptance', 5, 1),
    (25, 'prac_lubricants', 'practical', NULL, NULL, 1),
    (26, 'prac_moisturisers', 'practical', NULL, NULL, 1),
    (27, 'prac_vaginal_estrogen', 'practical', NULL, NULL, 1),
    (28, 'prac_more_foreplay', 'practical', NULL, NULL, 1),
    (29, 'prac_positions', 'practical', NULL, NULL, 1),
    (30, 'prac_mindful_touch', 'practical', NULL, NULL, 1),
    (31, 'prac_kegel', 'practical', NULL, NULL, 1),
    (32, 'prac_dilator', 'practical', NULL, NULL, 1),
    (33, 'prac_specialist_referral', 'practical', NULL, NULL, 1),
    (34, 'hw_touch_nonsexual', 'homework', 'touch', 1, 1),
    (35, 'hw_touch_sensual', 'homework', 'touch', 2, 1),
    (36, 'hw_touch_sexual', 'homework', 'touch', 3, 1),
    (37, 'hw_daily_hug', 'homework', 'closeness', 1, 1),
    (38, 'hw_six_second_kiss', 'homework', 'closeness', 2, 1),
    (39, 'hw_skin_to_skin', 'homework', 'closeness', 3, 1),
    (40, 'hw_mirror', 'homework', NULL, NULL, 1),
    (41, 'hw_cuddling', 'homework', NULL, NULL, 1),
    (42, 'hw_massage', 'homework', NULL, NULL, 1),
    (43, 'hw_bath_together', 'homework', NULL, NULL, 1),
    (44, 'hw_daily_gestures', 'homework', NULL, NULL, 1),
    (45, 'hw_love_notes', 'homework', NULL, NULL, 1),
    (46, 'hw_checkin_question', 'homework', NULL, NULL, 1),
    (47, 'hw_gratitude_journal', 'homework', NULL, NULL, 1),
    (48, 'hw_shared_activity', 'homework', NULL, NULL, 1),
    (49, 'hw_i_feel_practice', 'homework', NULL, NULL, 1),
    (50, 'hw_present_moment', 'homework', NULL, NULL, 1),
    (51, 'hw_values_writing', 'homework', NULL, NULL, 1),
    (52, 'hw_pelvic_floor_routine', 'homework', NULL, NULL, 1),
    (53, 'hw_dilator_practice', 'homework', NULL, NULL, 1),
    (54, 'hw_disclosure_rehearsal', 'homework', NULL, NULL, 1);

-- Education

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    1, 1,
    'How treatment can change desire and response',
    'Knowing that surgery, chemotherapy, radiation and hormonal therapy can change hormones, nerves and blood flow helps the client see shifts in desire and arousal as effects of treatment rather than personal failings.',
    'Ask which treatments the client has had and what changes they have noticed since.
Explain that hormonal treatment and some surgery can lower the hormones that support desire, lubrication and erections.
Explain that surgery, radiation and some medicines can affect the nerves and blood flow that carry sensation and arousal.
Note that tiredness, pain and worry also dampen arousal, and that these effects add up.
Reassure the client that these changes are common and many can be eased; invite questions.',
    NULL, 'non_sexual', 'either',
    NULL,
    'The treatment you have had can change your hormones, the nerves that carry feeling, and the way your body responds when you feel close to someone. These changes are common, and they are not your fault. Many of them can be eased with time, suitable products and gentle practice. Bring any questions to your next session.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    2, 1,
    'Vaginal dryness: why it happens and what helps',
    'Dryness is one of the most common changes after treatment and a frequent cause of discomfort; understanding it makes the practical remedies easier to take up.',
    'Explain that lower estrogen levels, from treatment, menopause or some medicines, thin the vaginal tissue and reduce natural moisture.
Describe the difference between a moisturiser (used regularly to keep tissue comfortable) and a lubricant (used during touch or sex to reduce friction).
Suggest avoiding perfumed soaps, bubble baths and douches, which can irritate.
Mention that unhurried arousal adds natural moisture.
Ask the client to check any product with their oncologist or treating doctor, and to report burning, discharge or new pain.',
    NULL, 'non_sexual', 'either',
    NULL,
    'Dryness is very common, and a lot can help. A moisturiser used every few days keeps tissue comfortable day to day, and a water- or silicone-based lubricant makes touch easier. Washing gently with unperfumed products helps too. Check any product with your oncologist or treating doctor before you start, and tell them about any burning, discharge or new pain.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    3, 1,
    'Changes in erections and what helps',
    'Erection changes after surgery, radiation or hormonal therapy are common; knowing why they happen and what can help lessens shame and opens room for other kinds of pleasure.',
    'Explain that pelvic or prostate surgery and radiation can affect the nerves and blood vessels involved in erections, and that hormonal therapy can lower desire.
Say that recovery, where it happens, is often gradual and can take many months.
Outline the options a doctor can discuss (tablets, vacuum devices, injections) without recommending one.
Remind the client and partner(s) that pleasure, orgasm and closeness do not depend on a firm erection.
Offer a referral to a sexual-medicine specialist if the client wants to explore treatment.',
    NULL, 'non_sexual', 'either',
    NULL,
    'Changes in erections are common after treatment, and recovery, when it comes, is often slow. Your doctor can talk you through options that may help. In the meantime, pleasure and closeness do not depend on an erection: touch, kissing and time together all count. You and your partner or partners can discover what feels good now.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    4, 1,
    'Estrogen in products: why to check first',
    'Some survivors, particularly after a hormone-sensitive illness, are advised to avoid products that contain estrogen; knowing this helps them choose products safely and ask the right questions.',
    'Explain that some vaginal creams, tablets, rings and even some moisturisers contain estrogen.
Explain that where the illness was hormone-sensitive, as with many breast diagnoses, the oncologist usually advises against added estrogen.
Show how to read a label for estrogen, estradiol or estriol among the ingredients.
Encourage the client to ask their oncologist before using any vaginal product, taking the label along.
Point out that estrogen-free moisturisers and lubricants are easy to find and can help meanwhile.',
    NULL, 'non_sexual', 'either',
    NULL,
    'Some vaginal creams, rings and moisturisers contain estrogen, and for some people this is best avoided. Before you use any new product, check it with your oncologist; taking the packet or label along makes this easy. Estrogen-free moisturisers and lubricants are widely available and can help in the meantime.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    5, 1,
    'Intimacy and sex are not the same',
    'Seeing intimacy as wider than sex takes pressure off and lets closeness return even while sex is paused or changing.',
    'Ask what intimacy means to the client and to each partner.
Explain that intimacy includes affection, touch, humour, shared time and emotional openness, with or without sex.
Invite each person to recall moments of closeness they valued that had nothing to do with sex.
Agree that, for now, closeness itself can be the goal, with no expectation that it leads further.',
    NULL, 'non_sexual', 'either',
    NULL,
    'Intimacy is bigger than sex. It lives in a hand held, a shared joke, a quiet evening, a conversation where you feel heard. You can be close to your partner or partners without sex, and closeness can grow again at a pace that suits you.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    6, 1,
    'Body changes and how you see yourself',
    'Scars, hair loss, weight change, the loss of a breast or an ostomy can shake how people feel about being seen; naming these feelings is the first step towards easing them.',
    'Invite the client to describe the changes and how they feel about them, without rushing.
Acknowledge that grief, anger or embarrassment about a changed body are understandable.
Explore what the client fears a partner might think and, where a partner attends, what the partner actually feels.
Suggest small private steps, such as a brief look in the mirror or wearing clothes that feel good.
Point out that feelings about the body often soften over time with gentle exposure and kindness.',
    NULL, 'non_sexual', 'either',
    NULL,
    'Your body may look and feel different now, and it is natural to have strong feelings about that. Many people find that, little by little, they grow more at ease with their changed body. Be gentle with yourself, take small steps, and remember how much your body has carried you through.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    7, 1,
    'Protecting fertility',
    'Some treatments can reduce or end fertility; clients who may want children need to hear about their options early, ideally before treatment decisions are made.',
    'Ask whether the client hopes to have children, now or later.
Explain that some treatments can affect fertility, for a while or permanently.
Mention that options such as storing eggs, embryos or sperm may exist, and that timing matters.
Encourage the client to raise fertility with their treatment team before decisions are made, and offer a referral to a fertility service.
Acknowledge the feelings this can bring, including grief if options are limited.',
    NULL, 'non_sexual', 'either',
    NULL,
    'If you might want children one day, talk about it with your treatment team as early as you can. There may be ways to protect your fertility, and some work best before treatment begins. You do not need every answer now: asking the question is a good first step.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    8, 1,
    'Why sex can hurt',
    'Pain during sex has many possible causes, often several at once; understanding them helps the client and counsellor find the right help and lessens self-blame.',
    'Physical causes: dryness; infection or irritation (yeast, a urinary infection, a reaction to soaps or condoms); tight or spasming pelvic-floor muscles; endometriosis or fibroids (deep pain, worse in some positions); involuntary tightening linked to fear, trauma or stress.
Hormonal causes: low estrogen from menopause, breastfeeding or some medicines thins the tissue; some hormonal contraception reduces lubrication.
Emotional causes: anxiety, low mood, stress, past sexual trauma or abuse, relationship strain or not feeling emotionally safe.
Too little arousal or foreplay, and chronic conditions such as interstitial cystitis, irritable bowel syndrome or autoimmune disease, can also play a part.
Signs of infection, or new or worsening pain: refer to a doctor before any practical exercises.',
    NULL, 'non_sexual', 'either',
    NULL,
    'Pain during sex is common and real, and it is never something you should push through. It can come from the body, from hormones, from stress or worry, or from not having enough time to become aroused, and often from several of these together. Stop whenever something hurts. If you notice signs of infection, or pain that is new or getting worse, see your doctor first.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    9, 1,
    'Tiredness, desire and what is normal',
    'Fatigue and lower desire are among the most common effects of illness and treatment; knowing they are normal eases guilt and pressure for the client and partner(s).',
    'Explain that fatigue, pain, low mood, medicines and hormonal changes can all lower desire.
Note that desire often follows closeness rather than coming first, and that this kind of responsive desire is normal.
Help the client notice when in the day they have the most energy, and plan time together then.
Encourage partners to share their own feelings about the change without blame.
Suggest raising lasting exhaustion or low mood with a doctor, as some causes can be treated.',
    NULL, 'non_sexual', 'either',
    NULL,
    'Feeling tired and wanting sex less are very common, and they do not mean something is wrong with you or your relationship. For many people, desire grows out of relaxed closeness rather than arriving first. Choose the times of day when you have the most energy to be together, and go easy on yourself on days when you have little to give.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    10, 1,
    'What counselling here is like',
    'Knowing what to expect makes it easier to begin; the client learns that the work is gradual, confidential and led by their own pace.',
    'Explain that sessions begin by understanding the client''s journey since diagnosis and treatment.
Outline the course: learning about the changes, talking together, practical ideas, and gentle tasks between sessions.
Make clear that the client sets the pace, can pass on any question and can stop any task.
Explain that partners are welcome when the client wishes, and that each person''s consent matters.
Say that progress may take weeks or months, and that the aim is connection, not perfection.',
    NULL, 'non_sexual', 'either',
    NULL,
    'Counselling here moves gently and at your pace. We begin by listening to your story, then work together on understanding the changes, talking openly, practical ideas and small tasks to try between sessions. You can skip any question or stop any task at any time, and your partner or partners are welcome whenever you want them there. What matters is connection, not perfection.',
    NULL, '2026-11-22T00:00:00+00:00');

-- Communication

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    11, 1,
    'Saying "I feel" instead of staying silent',
    'Speaking from one''s own experience shares a need without blame and breaks the silence that often grows around illness and sex.',
    'Explain the shape: "I feel [feeling] when [situation], and I would like [request]."
Give an example, such as "I feel lonely when we go to sleep without touching, and I would like us to cuddle for a while."
Invite each person to try one statement in the session about something small.
The listener repeats what they heard before responding.
Encourage using the pattern at home whenever something is hard to say.',
    'Practise once in session, then whenever something is hard to say', 'non_sexual', 'partners',
    NULL,
    'When something is hard to say, try beginning with "I feel". For example: "I feel nervous when we get close, and I would like us to go slowly." Talking about your own feelings, rather than what the other person does, makes it easier to be heard. It takes practice, so start with something small.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    12, 1,
    'Making a space without judgement',
    'People share fears and needs only when they feel safe; agreeing a few ground rules makes honest conversation possible.',
    'Agree a time and place where you will not be interrupted or rushed.
Agree ground rules: no blame, no mocking, no fixing unless asked, and anyone can pause.
Each person names one thing they find hard to talk about while the others only listen.
Thank each other for speaking, whatever was said.
Finish with something light or affectionate.',
    'Set up once in session; use it each time you talk about something sensitive', 'non_sexual', 'partners',
    NULL,
    'Choose a calm time and a private place to talk, and agree together that nothing said will be judged or laughed at. Anyone can ask for a pause. Listen to understand rather than to answer, and thank each other for being honest. Feeling safe makes it easier to share what matters.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    13, 1,
    'Validating each other''s feelings',
    'Hearing "that makes sense" helps a person feel understood even when the other sees things differently, which lowers tension and builds trust.',
    'One person shares a feeling about the changes in the relationship.
The other names the feeling back ("It sounds like you feel...") without correcting it.
They add why it makes sense ("That makes sense, because...").
Swap roles.
Talk together about how it felt to be understood.',
    'Practise once in session, then whenever a feeling is shared', 'non_sexual', 'partners',
    NULL,
    'When your partner shares a feeling, you do not need to agree with it or fix it. Try saying back what you heard and why it makes sense to you. Feeling understood often brings people closer, even when they see things differently.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    14, 1,
    'Regular check-ins, not only about sex',
    'A short, regular conversation about how each person is doing keeps partners connected and stops worries building up; keeping it wider than sex removes pressure.',
    'Choose a regular time, such as a weekly cup of tea, for a ten-minute check-in.
Each person answers: How am I doing? What went well this week? What do I need?
Include everyday topics such as health, work, family, plans and fun.
Raise intimacy only if someone wants to, as one topic among many.
Close by naming one thing you appreciate about each other.',
    'Once a week, about ten minutes', 'non_sexual', 'partners',
    NULL,
    'Set aside a few minutes each week to ask each other how you are really doing. Talk about your week, your energy, your plans and what you need, not only about sex. End by sharing one thing you appreciate about each other.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    15, 1,
    'Listening fully',
    'Listening with full attention shows care and helps the speaker feel heard, which makes harder conversations possible.',
    'Sit facing each other and put phones away.
The speaker talks for two or three minutes about something on their mind.
The listener keeps gentle eye contact and does not interrupt.
The listener sums up what they heard and asks, "Did I get that right?"
Swap roles.',
    'A few times a week, five to ten minutes', 'non_sexual', 'partners',
    NULL,
    'Take turns to speak and to listen. While you listen, look at the speaker, set distractions aside and do not interrupt. When they finish, say in your own words what you heard and check that you understood. Then swap.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    16, 1,
    'Showing love without sex',
    'Expressing love in ways unrelated to sex keeps warmth alive and reassures each partner that they are valued while sex is changing.',
    'Each person lists three non-sexual ways they like to receive love, such as kind words, help, time together, small gifts or touch.
Share the lists and notice any surprises.
Each chooses one item from the other''s list to offer this week.
At the next check-in, talk about how it felt to give and to receive.',
    'Each person offers one chosen gesture during the week', 'non_sexual', 'partners',
    NULL,
    'Love can be shown in many ways: kind words, a cup of tea, time together, help with a task, a hand on the shoulder. Tell each other what makes you feel loved, and try one of those things this week. Small, steady gestures matter.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    17, 1,
    'Talking before and after sex',
    'A short conversation before sexual activity sets wishes and limits, and one afterwards shares what felt good; both build trust and ease fear of pain or disappointment.',
    'Use this only once a doctor has cleared sexual activity and everyone involved wants to be close.
Before: each person says how they feel today, what they would like and anything that is off limits.
Agree a word or signal that means slow down or stop, which anyone can use at any time.
After: each shares one thing that felt good and, kindly, one thing to change next time.
If something hurt or felt difficult, talk about it without blame and bring it to the next session.',
    'Each time you are sexually close', 'sexual', 'partners',
    NULL,
    'Before you are sexually close, take a moment to say how you feel, what you would like and what is off limits today. Agree a word or signal that means slow down or stop, and respect it straight away. Afterwards, share something that felt good. This is for when your doctor has said sexual activity is safe for you.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    18, 1,
    'Telling your partner about side effects',
    'Partners often cannot see dryness, pain, numbness or fatigue; explaining them helps partners understand and adjust rather than feel rejected.',
    'Choose one side effect that affects closeness, such as dryness, tiredness, numbness or pain.
With the counsellor, put into words what it feels like and how it affects you.
Say what helps and what does not ("Slower is better", "Please ask before touching my scar").
Invite the partner''s questions and feelings.
Agree one small change to try.',
    'Once in session, then as new changes come up', 'non_sexual', 'either',
    NULL,
    'Your partner cannot feel what you feel, so telling them helps. Describe one change, how it affects you and what would help, then invite their questions. Many partners hold back for fear of hurting you, so knowing what helps can be a relief for you both.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    19, 1,
    'Rehearsing how to tell a new partner',
    'Single clients often worry about when and how to tell someone new about their diagnosis; rehearsing with a trusted friend builds confidence and helps find the words.',
    'Reflect on when it feels right to share: there is no fixed rule, and the choice is the client''s.
Write a few short sentences about what to say and what to keep private for now.
Practise saying them aloud with a trusted friend who plays the new partner.
Ask the friend to try different reactions, including awkward ones, and practise answering calmly.
Talk in session about how it went and adjust the words.',
    'A few practice runs before you feel ready', 'non_sexual', 'client',
    NULL,
    'You decide when, and how much, to share with someone new about your health. Write a few simple sentences in your own words, then practise saying them with a friend you trust. Trying out different reactions can help you feel calmer and more confident when the moment comes.',
    NULL, '2026-11-22T00:00:00+00:00');

-- Acceptance

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    20, 1,
    'Coming back to the present moment',
    'Worry about the future and grief about the past pull attention away; returning to the here and now eases anxiety and makes closeness possible.',
    'Sit comfortably and notice the feeling of your feet on the floor.
Name five things you can see, four you can hear and three you can feel.
Follow three slow breaths in and out.
When your mind wanders, notice where it went and gently come back.
If a partner joins in, each of you shares one thing you noticed.',
    'A few minutes, once or twice a day', 'non_sexual', 'either',
    NULL,
    'When worries pull you away, you can gently come back to now. Notice your feet on the floor, what you can see and hear, and a few slow breaths. If your mind wanders, that is fine: simply come back. Each person finds their own way with this, at their own speed.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    21, 1,
    'Letting thoughts pass',
    'Painful thoughts such as "I am broken" or "this will hurt" can feel like facts; seeing them as passing thoughts loosens their grip without a fight.',
    'Notice a thought that often troubles you and write it down.
Say it again, beginning with "I am having the thought that...".
Picture yourself beside a road and let the thought drive past like a car.
Let the next thought pass too, without chasing it or pushing it away.
Notice what changes when you watch thoughts instead of following them.',
    'Five minutes a day, and whenever a hard thought shows up', 'non_sexual', 'either',
    NULL,
    'Thoughts are not always facts. When a hard thought comes, try saying "I am having the thought that..." and picture it as a car driving past on a road. You do not have to stop it or follow it: just let it go by. Your partner may notice different thoughts, and that is fine.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    22, 1,
    'Making room for painful feelings',
    'Trying to avoid sadness, fear or anger often makes life smaller; making room for feelings lets people stay close to what matters even when it hurts.',
    'Notice a difficult feeling and where you feel it in your body.
Breathe gently into that place, as if making room around it.
Name it kindly: "Here is sadness" or "Here is fear".
Let it be there for a minute or two without trying to make it go away.
Treat yourself as you would a good friend who felt this way.',
    'A few minutes whenever a hard feeling comes up', 'non_sexual', 'either',
    NULL,
    'Painful feelings are part of going through hard times. Instead of pushing them away, notice where you feel them, breathe gently around them and name them kindly. Feelings come and go like weather. Each of you may feel different things, and there is room for both.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    23, 1,
    'Knowing what matters',
    'Values such as warmth, playfulness, honesty or loyalty give direction when plans have to change; naming them helps choose steps that feel meaningful.',
    'Think about the kind of partner and person you want to be, illness aside.
Write down three to five words that capture it, such as tenderness, humour or honesty.
For each word, note one small way it already shows up in your life.
If partners take part, each writes their own list and then shares it; the lists do not need to match.
Keep the list somewhere you will see it.',
    'Once, then revisit every few weeks', 'non_sexual', 'either',
    NULL,
    'Take some quiet time to think about what matters most to you in your relationships and your life, and write down a few words such as kindness, fun or honesty. Your values can guide you even when plans change. Each person has their own list, and that is part of growing together while staying yourselves.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    24, 1,
    'Taking steps guided by what matters',
    'Small actions chosen because they fit one''s values rebuild a sense of direction and closeness, even alongside pain or fatigue.',
    'Choose one value from your list.
Pick one small, realistic action for this week that fits it, for example a short walk together for closeness.
Plan when you will do it and what might get in the way.
Do it, noticing thoughts and feelings without letting them decide for you.
Look back on how it went and choose the next step.',
    'One small action each week', 'non_sexual', 'either',
    NULL,
    'Pick one thing that matters to you and one small step that fits it, then plan when you will take it. If something gets in the way, be kind to yourself and try again. Small steps add up. Each of you can choose your own step, and you can also choose one to take together.',
    NULL, '2026-11-22T00:00:00+00:00');

-- Practical

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    25, 1,
    'Lubricants',
    'A water- or silicone-based lubricant reduces friction and soreness during touch, sex or dilator use, making closeness more comfortable.',
    'Explain the choices: water-based lubricants wash off easily and suit most uses; silicone-based ones last longer.
Suggest a product without perfume or warming or tingling ingredients, which can irritate.
Warm a little in the hands and use it generously, adding more whenever needed.
Note that oil-based products can weaken latex condoms, and silicone lubricants can damage silicone toys.
Ask the client to check product choices with their oncologist or treating doctor.',
    'Whenever touch feels dry', 'non_sexual', 'either',
    NULL,
    'A lubricant can make touch much more comfortable. Water-based and silicone-based products are gentle choices; avoid those with perfume or warming effects. Use plenty, and add more whenever you need it. Check your choice with your oncologist or treating doctor.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    26, 1,
    'Vaginal moisturisers (estrogen-free)',
    'Used regularly, an estrogen-free moisturiser keeps vaginal tissue hydrated and comfortable day to day, not only during sex.',
    'Choose a moisturiser that is hormone-free, checking the ingredients for estrogen, estradiol or estriol.
Apply it as the packet says, usually every two to three days, at a time unrelated to sex, often at bedtime.
Keep using it regularly even when not sexually active; the benefit builds over a few weeks.
A moisturiser does not replace a lubricant during touch or sex.
Check the product with the oncologist or treating doctor, and stop if it causes burning or itching.',
    'Every two to three days, or as the packet says', 'non_sexual', 'client',
    NULL,
    'A vaginal moisturiser keeps tissue comfortable every day, not only at intimate moments. Choose one that is hormone-free and use it regularly, often at bedtime, every few days; it can take a few weeks to feel the full benefit. Check your choice with your oncologist or treating doctor, and stop if it stings or itches.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    27, 1,
    'Vaginal estrogen (only with the oncologist''s approval)',
    'Low-dose vaginal estrogen can restore thin, dry tissue when moisturisers are not enough, but some survivors must avoid it; it is used only when the oncologist has approved it.',
    'Raise this option only if the oncologist has approved it, and record that approval.
Explain that it is prescribed by a doctor as a cream, vaginal tablet or ring, at a low dose that acts mainly on the local tissue.
The prescribing doctor explains how and how often to use it.
Carry on using a lubricant during touch or sex.
Ask the client to report any bleeding, discharge or new pain to their doctor.',
    'Only as prescribed, and only after the oncologist has approved it', 'non_sexual', 'client',
    NULL,
    'Vaginal estrogen is a prescribed cream, tablet or ring that can help when dryness does not improve with moisturisers. Use it only if your oncologist approves it for you. If they do, follow the prescription exactly, and tell your doctor about any bleeding, discharge or new pain.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    28, 1,
    'More time for arousal',
    'Arousal brings relaxation, blood flow and natural moisture, which ease discomfort; taking more time before any penetration makes sex more comfortable and more enjoyable.',
    'Use this once a doctor has cleared sexual activity; plan unhurried time with no goal of intercourse.
Spend at least 15 to 20 minutes on kissing, stroking, massage or whatever each person enjoys before any penetration.
Tell each other what feels good and what to slow down.
Move on only when the client feels relaxed and aroused, with plenty of lubricant.
Remember that stopping at any point is always fine.',
    'Each time you are sexually close', 'sensual', 'partners',
    NULL,
    'Give yourselves plenty of time before any penetration: kissing, stroking and touch that you both enjoy help your body relax and respond. Say what feels good and what you would like slower. There is no rush and no finish line, and you can stop at any time. This is for when your doctor has said sexual activity is safe for you.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    29, 1,
    'Comfortable positions',
    'Positions that avoid deep pressure and strain on scars, joints, a stoma or a tired body can make sex comfortable again and give the client control.',
    'Use this once a doctor has cleared sexual activity.
Try positions where the person with pain controls depth and speed, such as being on top or lying side by side.
Use pillows to support hips, back and joints, and to keep weight off the chest, abdomen or any tender area.
Keep movements slow and shallow at first; stop or change position at any sign of pain.
Talk afterwards about what worked, and bring questions to the next session.',
    'When you are sexually close, at your own pace', 'sexual', 'partners',
    NULL,
    'Some positions put less pressure on tender areas and let you control depth and speed, such as lying side by side or being on top. Pillows can support your back, hips and joints. Go slowly, and stop or change position if anything hurts. This is for when your doctor has said sexual activity is safe for you.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    30, 1,
    'Mindful touch',
    'Paying calm attention to the sensations of touch, rather than to goals or worries, lowers anxiety and helps the body relearn pleasure.',
    'Choose a quiet, warm place and a time with no pressure to go further.
Touch, or be touched, slowly on the hands, arms, face or back, alone or with a partner.
Focus on warmth, pressure and texture, describing the sensations silently or aloud.
When worries come, notice them and bring attention back to the touch.
Finish gently and note what felt pleasant.',
    'Ten to fifteen minutes, two or three times a week', 'sensual', 'either',
    NULL,
    'Mindful touch means slowing down and noticing what touch feels like: warmth, pressure, texture. You can do it on your own or with your partner or partners, with no goal and no need to go further. If your thoughts drift, gently bring them back to the feeling of touch.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    31, 1,
    'Pelvic-floor (Kegel) exercises',
    'Strengthening the pelvic-floor muscles, and learning to relax them fully, can improve control, sensation, erections and comfort, and ease the tightness that causes pain.',
    'Find the muscles by imagining holding in wind or stopping the flow of urine (do not practise while actually passing urine).
Squeeze and lift gently for three to five seconds while breathing normally.
Let go completely for the same time or longer; relaxing matters as much as squeezing.
Repeat ten times, up to three times a day.
If it causes pain, or if pain during sex comes from tight muscles, stop and refer to a doctor or pelvic-floor physiotherapist.',
    'Ten slow squeezes, up to three times a day', 'non_sexual', 'client',
    NULL,
    'These exercises work the muscles that support your bladder, bowel and pelvis. Gently squeeze as if holding in wind, hold for a few seconds while breathing normally, then let go completely. Relaxing is as important as squeezing. Stop if it hurts, and mention it at your next visit.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    32, 1,
    'Dilator therapy, as prescribed',
    'After pelvic radiotherapy, dilators prescribed by the treating team help keep the vagina supple and open, making examinations, and sex if wanted, more comfortable.',
    'Use dilators only as the treating team prescribed: size, how long and how often.
Choose a private, relaxed time; lie back with knees bent and use plenty of water-based lubricant.
Insert the dilator slowly, only as far as is comfortable, breathing out as it goes in.
After the prescribed time, remove it, wash it with mild soap and warm water, and dry it.
Report bleeding, severe pain or signs of infection to the treating team.',
    'As prescribed by the treating team', 'non_sexual', 'client',
    NULL,
    'Your treatment team has prescribed dilators to keep the tissue comfortable and supple. Follow their instructions on size and how often. Choose a relaxed, private time, use plenty of lubricant and go slowly, only as far as feels comfortable. Contact your team if you notice bleeding, strong pain or signs of infection.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    33, 1,
    'Referral to a specialist',
    'Some concerns need medical or specialist care, such as lasting pain, erection treatments, hormonal questions or pelvic-floor therapy; a timely referral gets the client the right help.',
    'Review with the client which concerns may need specialist help.
Explain the options: a sexual-health clinic, a survivorship service, a sexual-medicine specialist or a pelvic-floor physiotherapist.
Ask for the client''s consent before sharing any information, and agree what will be shared.
Help the client prepare a short list of questions for the appointment.
Continue counselling alongside, and review what the specialist advised.',
    'Once, when needed', 'non_sexual', 'either',
    NULL,
    'Some concerns are best helped by a specialist, such as a sexual-health or sexual-medicine clinic or a pelvic-floor physiotherapist. We share information only with your agreement. It helps to write down your questions before the appointment, and your counselling can continue alongside.',
    NULL, '2026-11-22T00:00:00+00:00');

-- Homework

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    34, 1,
    'Gentle touch, stage 1: non-sexual touch',
    'Touch with no expectation of sex lets everyone relax, rediscover pleasure in contact and learn what feels good, free of fear or pressure.',
    'Agree beforehand: no sex, and no touching of breasts or genitals during this exercise.
Take turns: one person touches the other anywhere else on the body for about 15 minutes while the other relaxes.
The person being touched says what feels pleasant and what to change; either can pause at any time.
Swap roles.
Afterwards, talk about what felt good and what you noticed.',
    'Two or three times a week', 'non_sexual', 'partners',
    'Tick each time you did it; note one touch that felt good and one feeling that came up',
    'Take turns gently touching each other anywhere except the breasts and genitals, for about 15 minutes each. This is not a lead-up to sex, so there is nothing to achieve. Say what feels good and what you would like changed, and stop whenever either of you wants. Afterwards, talk about what you enjoyed.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    35, 1,
    'Gentle touch, stage 2: sensual touch',
    'Building on the first stage, including more of the body lets pleasure grow safely, with intercourse still off the table so there is no pressure.',
    'Move to this stage only when the first stage feels comfortable for everyone.
Agree again that there will be no intercourse; touch can now include more of the body, as each person consents.
Take turns for 15 to 20 minutes; the person being touched guides with words or by resting a hand on the other''s hand.
If anxiety or discomfort comes up, return to the kind of touch from the first stage.
Talk afterwards about what felt good and what you would like next time.',
    'Two or three times a week', 'sensual', 'partners',
    'Tick each time; note what felt good and anything you would like to take more slowly',
    'When the first stage feels comfortable, you can include more of the body, always with each other''s agreement. There is still no intercourse, so you can relax and simply enjoy. Guide each other with words or a hand, and go back to the earlier stage whenever you need to.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    36, 1,
    'Gentle touch, stage 3: sexual touch',
    'Once sexual activity has been cleared, gentle sexual touch at the client''s pace rebuilds confidence and pleasure, with the client in control.',
    'Begin only once a doctor has cleared sexual activity and the first two stages feel comfortable.
Start with the touch you already enjoy, then add gentle sexual touch as the client wishes.
The client sets the pace and can pause or stop at any time; use plenty of lubricant.
Intercourse is optional, not the goal; pleasure and closeness are enough.
Talk afterwards about what felt good and anything that hurt, and bring it to the next session.',
    'Once or twice a week, or as you both wish', 'sexual', 'partners',
    'Each time, note comfort from 0 to 10, any pain from 0 to 10, and one thing that felt good',
    'When your doctor has said sexual activity is safe for you, you can add gentle sexual touch, beginning with the touch you already enjoy. You set the pace and can stop at any time, and intercourse is not the goal. Use plenty of lubricant, and talk afterwards about what felt good.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    37, 1,
    'A long daily hug',
    'A long hug helps the body settle and builds a daily habit of warm, safe closeness.',
    'Once a day, hug for at least 20 seconds.
Breathe slowly and let your bodies relax against each other.
Keep it simple, with no expectation that it leads anywhere.
If pain or a tender area makes a hug uncomfortable, find a gentler way to hold each other, such as side by side.',
    'Once a day', 'non_sexual', 'partners',
    'Tick each day you hugged; note how you felt afterwards',
    'Once a day, hold each other in a hug for at least 20 seconds. Breathe slowly and let yourselves relax. It does not need to lead anywhere: it is simply a moment of closeness. Find a way of holding each other that is kind to any tender areas.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    38, 1,
    'The six-second kiss',
    'A kiss of about six seconds is long enough to feel like a real moment of connection rather than a habit, without any pressure to go further.',
    'Once a day, perhaps when greeting or saying goodbye, share a kiss lasting about six seconds.
Slow down and notice the warmth and closeness.
Agree that the kiss is not an invitation to anything more.
If a kiss does not feel right today, a long hug is just as good.',
    'Once a day', 'sensual', 'partners',
    'Tick each day; note one word for how it felt',
    'Once a day, share a kiss that lasts about six seconds: long enough to pause and feel connected. It is a moment of affection, not a step towards anything else. If today is not a day for kissing, a hug is just as welcome.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    39, 1,
    'Lying skin to skin',
    'Lying or sleeping skin to skin builds comfort with being seen and touched, and brings warmth and closeness without sex.',
    'Agree together when to try it, and how much each of you is comfortable undressing.
Lie or sleep close, skin to skin, for at least a few minutes, with no expectation of sex.
Keep the light as low as each person likes, and use blankets for warmth and privacy.
Notice the warmth and closeness, and say if anything feels uncomfortable.
Talk the next day about how it felt.',
    'Two or three nights a week', 'sensual', 'partners',
    'Tick each time; note how comfortable you felt from 0 to 10',
    'Try lying or sleeping close together, skin to skin, for as long as feels comfortable. You each choose how much to undress and how light or dark the room is. This is about warmth and closeness, not sex. Talk together afterwards about how it felt.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    40, 1,
    'The mirror exercise',
    'Looking at a changed body gently, a little at a time, eases avoidance and can help the client see scars as signs of strength and survival.',
    'Choose a private, warm moment and stand in front of a mirror, clothed at first if you prefer.
Look for a minute, noticing any urge to look away and breathing through it.
Find one part you like and say something kind about it.
When you feel ready, look at a scar or changed area and think about what your body has come through.
Stop whenever you want, and build up slowly over the days.',
    'A few minutes, once a day', 'non_sexual', 'client',
    'Each day, note how long you looked and how you felt from 0 to 10',
    'In a private moment, stand in front of a mirror for a few minutes, clothed at first if you prefer. Notice something you like and say something kind to yourself. When you feel ready, look at a scar or a changed area and remember what your body has been through: scars can be signs of strength. Go at your own pace.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    41, 1,
    'Cuddling',
    'Relaxed cuddling, such as spooning or resting a head on a partner''s chest, restores easy physical closeness without any expectation of sex.',
    'Set aside ten to fifteen minutes to lie or sit together, clothed, with no plan to go further.
Try spooning, or one person resting their head on the other''s chest.
Use pillows to keep any tender area comfortable.
Talk, listen to music or simply rest together.',
    'Three or more times a week, 10 to 15 minutes', 'non_sexual', 'partners',
    'Tick each time; note one thing you enjoyed',
    'Set aside some time just to cuddle: spooning, or resting your head on your partner''s chest. Stay clothed if you like, and use pillows for comfort. There is nothing to achieve; simply enjoy being close.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    42, 1,
    'Hand, foot or back massage',
    'Giving and receiving a hand, foot or back massage brings caring touch and relaxation, and helps partners learn what touch each enjoys.',
    'Agree who gives first and which area: hands, feet or back.
Warm a little unscented oil or lotion in your hands.
Massage slowly for about ten minutes while the receiver says what feels good.
Avoid sore areas, scars that are still healing and anywhere the receiver asks you to leave.
Swap, or take turns on different days.',
    'Two or three times a week', 'sensual', 'partners',
    'Tick each massage; note what felt good',
    'Take turns giving each other a gentle hand, foot or back massage for about ten minutes. A little unscented lotion helps. Say what feels good, and steer clear of anywhere sore or tender. It is a way to enjoy caring touch with no expectations.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    43, 1,
    'Bathing or showering together',
    'Bathing or showering together is a relaxed, playful way to share closeness and grow comfortable being seen.',
    'Agree beforehand whether to bath or shower, and that it is for relaxing together, not a lead-up to sex.
Make the room warm and calm, with lighting each person is comfortable with.
If both wish, take turns washing each other''s back or hair.
Use mild, unperfumed soap to avoid irritation.
Afterwards, share how it felt.',
    'Once a week', 'sensual', 'partners',
    'Tick each time; note one thing you enjoyed and anything you would change',
    'Share a bath or shower, with warm water, soft light and mild, unperfumed soap. You might wash each other''s back or hair. This is a time to relax together, and each of you decides how comfortable you are being seen. Talk afterwards about how it felt.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    44, 1,
    'Small daily gestures',
    'Small affectionate gestures through the day keep warmth alive and remind each person that they are loved, without pressure.',
    'Choose two or three small gestures you both like, such as holding hands, a kiss on the forehead or a touch on the shoulder.
Offer at least one each day.
Notice the gestures offered to you, and say thank you.',
    'Every day', 'non_sexual', 'partners',
    'Tick each day; note one gesture you gave and one you received',
    'Small gestures say a lot: holding hands, a kiss on the forehead, a hand on the shoulder as you pass. Try to offer at least one each day, and notice the ones you receive. They keep warmth in everyday life.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    45, 1,
    'Love notes and messages',
    'Writing down appreciation or affection puts into words what may be hard to say aloud, and gives partners something to keep.',
    'Write a short note or message about something you appreciate, remember fondly or look forward to.
Leave it where your partner will find it, or send it during the day.
Keep it simple and sincere; one sentence is enough.
If you like, keep the notes you receive together in one place.',
    'Two or three times a week', 'non_sexual', 'partners',
    'Tick each note you sent; keep the ones you receive',
    'Leave your partner a short note, or send a message, about something you love or appreciate in them. One honest sentence is enough. Notes can say what is hard to say out loud, and they are lovely to keep.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    46, 1,
    'A daily check-in question',
    'A daily question opens a short, regular conversation and keeps partners in touch with each other''s inner world.',
    'Each day, one of you asks a question such as "What was the best part of your day?" or "What is on your mind?"
Listen to the answer without interrupting or trying to fix anything.
Take turns asking.
Keep it light on hard days; a few minutes is enough.',
    'Once a day, a few minutes', 'non_sexual', 'partners',
    'Tick each day; write down any question that led to a good conversation',
    'Each day, ask each other one simple question, such as "What was the best part of your day?" or "How are you feeling, really?" Listen to the answer fully. A few minutes a day helps you stay close.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    47, 1,
    'Gratitude list or shared journal',
    'Noticing what is good, however small, balances the weight of illness, and sharing it can bring partners closer.',
    'Each evening, write down three things you are grateful for today.
Include at least one about yourself or your relationship.
If you share a journal with a partner or partners, take turns adding to it and read each other''s entries.
Once a week, look back over what you wrote.',
    'Each evening, a few minutes', 'non_sexual', 'either',
    'The journal is the record; tick the days you wrote',
    'Each evening, write down three things you are grateful for, big or small. You can keep your own list or share a journal with your partner or partners and read each other''s entries. Looking back over the week can lift your mood.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    48, 1,
    'Something new together',
    'Doing something new together creates shared enjoyment and fresh memories beyond illness and caring.',
    'Together, list a few new activities that suit your energy, such as a walk somewhere new, a class, a new recipe or a game.
Choose one and plan when to do it.
Keep it easy to adapt if energy is low on the day.
Afterwards, talk about what you enjoyed.',
    'Once a week', 'non_sexual', 'partners',
    'Note the activity and one thing you enjoyed',
    'Choose something new to do together that suits your energy: a walk somewhere different, cooking a new recipe, a game or a class. Plan a time, and be flexible if the day turns out to be a tired one. It is about enjoying each other''s company.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    49, 1,
    'Practising "I feel" statements',
    'Regular practice turns "I feel" statements into a habit, so that needs and worries are shared instead of held back.',
    'Each day, each of you shares one statement: "I feel ... when ..., and I would like ...".
Start with small, everyday things.
The listener says back what they heard and thanks the speaker.
Bring any harder statements to a session if you would like support.',
    'Once a day', 'non_sexual', 'partners',
    'Tick each day; write down one statement you shared',
    'Once a day, each of you shares one sentence beginning with "I feel", such as "I feel happy when we have breakfast together, and I would like to do it more often." Start small. Listen, say back what you heard, and thank each other.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    50, 1,
    'A few minutes in the present moment',
    'A few minutes of attention to breath and senses calms anxiety and builds the skill of staying present during closeness.',
    'Sit comfortably and set a timer for three to five minutes.
Notice your breath coming in and going out, without changing it.
Notice what you can hear, feel and smell around you.
When your mind wanders, gently return to the breath.
Notice how you feel afterwards.',
    'Three to five minutes, once a day', 'non_sexual', 'client',
    'Tick each day; note how calm you felt from 0 to 10 before and after',
    'Once a day, sit comfortably for a few minutes and notice your breathing, the sounds around you and how your body feels. When your mind wanders, gently bring it back. There is no right way to do this: simply noticing is enough.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    51, 1,
    'Writing down what matters',
    'Writing down what matters makes values clearer and gives direction for small choices between sessions.',
    'Find a quiet quarter of an hour.
Write about what you want your life and relationships to stand for, for example kindness, fun, honesty or closeness.
Choose the three that matter most right now.
For each, write one small thing you could do this week.
Bring what you wrote to the next session if you wish.',
    'Once this week, about 15 minutes', 'non_sexual', 'client',
    'Keep what you wrote; tick each small action you took',
    'Take some quiet time to write about what matters most to you in your life and your relationships. Pick the three things that matter most right now, and one small step for each this week. There are no right answers.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    52, 1,
    'Pelvic-floor routine',
    'A regular pelvic-floor routine builds strength and the ability to relax these muscles, which can improve comfort, control and sensation.',
    'Sit or lie comfortably, breathing normally.
Gently squeeze and lift the pelvic-floor muscles for three to five seconds.
Relax them fully for the same time or a little longer.
Repeat ten times, up to three times a day.
Stop if it hurts, and mention any pain at your next session.',
    'Ten squeezes, up to three times a day', 'non_sexual', 'client',
    'Tick each set you did; note any pain or change you noticed',
    'Sit or lie comfortably, gently squeeze the muscles you would use to hold in wind, hold for a few seconds, then let go completely. Repeat ten times, up to three times a day. Letting go matters as much as squeezing. Stop if anything hurts.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    53, 1,
    'Dilator practice, as prescribed',
    'Regular dilator use, exactly as the treating team prescribed after pelvic radiotherapy, helps keep tissue supple; keeping a record helps the client stay on course.',
    'Use the dilator only as your treating team prescribed: size, how long and how often.
Choose a private, relaxed time and use plenty of water-based lubricant.
Insert it slowly, only as far as is comfortable, breathing out gently.
After the prescribed time, remove it, wash it with mild soap and warm water, and dry it.
Contact your treating team about bleeding, strong pain or signs of infection.',
    'As prescribed by the treating team', 'non_sexual', 'client',
    'Tick each time; note the size used and your comfort from 0 to 10',
    'Use your dilator exactly as your treatment team advised. Pick a relaxed, private time, use plenty of lubricant and go slowly. A simple record helps you and your team see your progress. Contact your team if you notice bleeding, strong pain or signs of infection.',
    NULL, '2026-11-22T00:00:00+00:00');

INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking, handout_text, created_by, created_at) VALUES (
    54, 1,
    'Rehearsing with a friend',
    'Practising with a trusted friend between sessions helps the client feel ready to tell a new partner about their health, in their own words and in their own time.',
    'Write down a few sentences you might say to a new partner, and what you prefer to keep private for now.
Ask a friend you trust to play the new partner.
Say your words aloud, then ask your friend to respond in different ways.
Notice what felt easy or hard, and adjust the words.
Share in session how it went.',
    'Once or twice before your next session', 'non_sexual', 'client',
    'Note each rehearsal; write down one phrase that felt right',
    'Ask a friend you trust to help you practise what you might say to a new partner about your health. Say your words out loud, let your friend react in different ways, and change anything that does not feel right. You choose when, and how much, to share.',
    NULL, '2026-11-22T00:00:00+00:00');

-- Caution tags
INSERT INTO library_item_tags (item_id, version, tag) VALUES
    (17, 1, 'needs_clearance'),
    (27, 1, 'contains_estrogen'),
    (28, 1, 'needs_clearance'),
    (29, 1, 'needs_clearance'),
    (29, 1, 'practical_exercise'),
    (31, 1, 'practical_exercise'),
    (32, 1, 'as_prescribed'),
    (32, 1, 'practical_exercise'),
    (36, 1, 'needs_clearance'),
    (36, 1, 'practical_exercise'),
    (52, 1, 'practical_exercise'),
    (53, 1, 'as_prescribed'),
    (53, 1, 'practical_exercise');
