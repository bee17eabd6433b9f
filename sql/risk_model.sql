-- risk models: each kind against hand-computed scores, levels, errors.
SET search_path = public, migrisk;

SELECT name, kind, intercept, medium_threshold, high_threshold FROM risk_model ORDER BY name;
-- default: every indicator with its default weight (14 exploitation x 1 +
-- 9 transit x 0.5 = 18.5 in total)
SELECT sum(default_weight) AS default_total FROM indicator;

INSERT INTO risk_model (name, kind, intercept, medium_threshold, high_threshold, description) VALUES
 ('t_add', 'additive', 0, 0.25, 0.5, 'test: held 2, debt 1, docs 1'),
 ('t_logit', 'logistic', -2, 0.5, 0.7, 'test: held 2, debt 1'),
 ('t_any', 'any', 0, 1, 1, 'test: held or smuggler'),
 ('t_bad', 'additive', 0, 0.2, 0.4, 'test: negative additive weight');
INSERT INTO risk_model_weight (model, indicator, weight) VALUES
 ('t_add', 'held', 2), ('t_add', 'debt', 1), ('t_add', 'docs', 1),
 ('t_logit', 'held', 2), ('t_logit', 'debt', 1),
 ('t_any', 'held', 1), ('t_any', 'smuggler', 1),
 ('t_bad', 'held', 1), ('t_bad', 'debt', -1);

-- expected values written by hand beside each score
SELECT f, model, risk_score(f::risk_flags, model) AS score, expected,
       risk_score(f::risk_flags, model) = expected AS exact,
       risk_level(f::risk_flags, model) AS level
FROM (VALUES
 ('{held}', 't_add', 0.5),                        -- 2/4
 ('{held,debt,docs,smuggler}', 't_add', 1.0),     -- 4/4
 ('{debt}', 't_add', 0.25),                       -- 1/4
 ('{?}', 't_add', 0.0),                           -- unknown counts as absent
 ('{freight_train}', 't_add', 0.0),               -- not in the model
 ('{}', 't_logit', 0.11920292202211755),          -- 1/(1+e^2)
 ('{held}', 't_logit', 0.5),                      -- 1/(1+e^0)
 ('{held,debt}', 't_logit', 0.7310585786300049),  -- 1/(1+e^-1)
 ('{smuggler}', 't_any', 1.0),
 ('{debt}', 't_any', 0.0),
 ('{held,freight_train}', 'default', 1.5 / 18.5),
 ('{held,debt,docs}', 'default', 3 / 18.5),
 ('{held,debt,docs,threats,violence,deception}', 'default', 6 / 18.5),
 ('{held}', 'iom_fms_any', 1.0),
 ('{violence,organs}', 'iom_fms_any', 0.0)
) v(f, model, expected);

-- the logistic values agree with PostgreSQL's own exp()
SELECT risk_score('{held,debt}', 't_logit') = 1 / (1 + exp(-1.0::float8)) AS logistic_matches_exp;
-- default model argument
SELECT risk_score('{held,freight_train}') = risk_score('{held,freight_train}', 'default') AS default_arg,
       risk_level('{held,freight_train}') AS level_default;

-- errors
SELECT risk_score('{held}', 'nope');
SELECT risk_score('{held}', 't_bad');
INSERT INTO risk_model (name, kind, medium_threshold, high_threshold) VALUES ('t_kind', 'linear', 0, 1);
INSERT INTO risk_model (name, kind, medium_threshold, high_threshold) VALUES ('t_thr', 'any', 0.9, 0.1);
INSERT INTO risk_model_weight (model, indicator, weight) VALUES ('t_add', 'nope', 1);
INSERT INTO indicator (code, bit, label, vocabulary) VALUES ('Bad Code', 40, 'x', 'x');
INSERT INTO indicator (code, bit, label, vocabulary) VALUES ('bit_taken', 3, 'x', 'x');
INSERT INTO indicator (code, bit, label, vocabulary) VALUES ('bit_range', 64, 'x', 'x');

-- a user indicator is usable at once, in the text form and in models
INSERT INTO indicator (code, bit, label, vocabulary, default_weight)
VALUES ('cartel_recruitment', 40, 'approached by a criminal group to work for it', 'user', 0);
SELECT '{cartel_recruitment,held}'::risk_flags AS with_user_code,
       '{#40}'::risk_flags AS by_bit;
INSERT INTO risk_model_weight (model, indicator, weight) VALUES ('t_add', 'cartel_recruitment', 4);
SELECT risk_score('{cartel_recruitment}', 't_add') AS score_4_of_8;

DELETE FROM risk_model WHERE name IN ('t_add', 't_logit', 't_any', 't_bad');
DELETE FROM indicator WHERE code = 'cartel_recruitment';
SELECT count(*) AS weights_left FROM risk_model_weight WHERE NOT seeded;
