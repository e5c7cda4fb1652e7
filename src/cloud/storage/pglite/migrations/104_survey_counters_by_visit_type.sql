-- The counters carry the visit type, so the dashboard shows 门诊 and 住院 apart: an item both
-- questionnaires ask (隐私保护, 总体满意度 …) is two figures, not one mixed.
--
-- Back-fill: the responses keep their visit type, and the counters are written in the response's own
-- transaction, so a recount by type splits them exactly. Should a stored counter ever differ from the
-- recount, the difference goes to the type whose questionnaire asks the item (outpatient when both,
-- and for the month totals), so every department-month-item total stays what it was.

CREATE TEMP TABLE typed_item_counts ON COMMIT DROP AS
WITH recount AS (
  SELECT r.department_id, r.month, r.visit_type, a.key AS item_id,
         count(*) FILTER (WHERE a.value = '1') AS n1, count(*) FILTER (WHERE a.value = '2') AS n2,
         count(*) FILTER (WHERE a.value = '3') AS n3, count(*) FILTER (WHERE a.value = '4') AS n4,
         count(*) FILTER (WHERE a.value = '5') AS n5, count(*) FILTER (WHERE a.value = 'null') AS na
  FROM survey_responses r, jsonb_each(r.answers) AS a
  GROUP BY r.department_id, r.month, r.visit_type, a.key),
item_type AS (
  SELECT i->>'id' AS item_id, max(q.visit_type) AS visit_type
  FROM survey_questionnaires q, jsonb_array_elements(q.items) AS i GROUP BY i->>'id'),
stored AS (
  SELECT department_id, month, item_id, 1 AS sign, n1, n2, n3, n4, n5, na FROM survey_item_counters
  UNION ALL
  SELECT department_id, month, item_id, -1, n1, n2, n3, n4, n5, na FROM recount),
difference AS (
  SELECT s.department_id, s.month, coalesce(t.visit_type, 'outpatient') AS visit_type, s.item_id,
         sign * n1 AS n1, sign * n2 AS n2, sign * n3 AS n3, sign * n4 AS n4, sign * n5 AS n5, sign * na AS na
  FROM stored s LEFT JOIN item_type t USING (item_id))
SELECT department_id, month, visit_type, item_id, sum(n1)::int AS n1, sum(n2)::int AS n2, sum(n3)::int AS n3,
       sum(n4)::int AS n4, sum(n5)::int AS n5, sum(na)::int AS na
FROM (SELECT department_id, month, visit_type, item_id, n1, n2, n3, n4, n5, na FROM recount
      UNION ALL SELECT * FROM difference) parts
GROUP BY department_id, month, visit_type, item_id;

DELETE FROM survey_item_counters;
ALTER TABLE survey_item_counters DROP CONSTRAINT survey_item_counters_pkey;
ALTER TABLE survey_item_counters
  ADD COLUMN visit_type text NOT NULL CHECK (visit_type IN ('outpatient', 'inpatient'));
ALTER TABLE survey_item_counters ADD PRIMARY KEY (department_id, month, visit_type, item_id);
INSERT INTO survey_item_counters (department_id, month, visit_type, item_id, n1, n2, n3, n4, n5, na)
SELECT department_id, month, visit_type, item_id, n1, n2, n3, n4, n5, na FROM typed_item_counts
WHERE (n1, n2, n3, n4, n5, na) <> (0, 0, 0, 0, 0, 0);

CREATE TEMP TABLE typed_month_counts ON COMMIT DROP AS
WITH recount AS (
  SELECT department_id, month, visit_type, count(*) AS responses, sum(recommend) AS recommend_sum,
         count(*) FILTER (WHERE recommend >= 9) AS promoters, count(*) FILTER (WHERE recommend <= 6) AS detractors
  FROM survey_responses GROUP BY department_id, month, visit_type),
difference AS (
  SELECT department_id, month, 'outpatient' AS visit_type, responses, recommend_sum, promoters, detractors
  FROM survey_month_counters
  UNION ALL
  SELECT department_id, month, 'outpatient', -responses, -recommend_sum, -promoters, -detractors FROM recount)
SELECT department_id, month, visit_type, sum(responses)::int AS responses, sum(recommend_sum)::int AS recommend_sum,
       sum(promoters)::int AS promoters, sum(detractors)::int AS detractors
FROM (SELECT * FROM recount UNION ALL SELECT * FROM difference) parts
GROUP BY department_id, month, visit_type;

DELETE FROM survey_month_counters;
ALTER TABLE survey_month_counters DROP CONSTRAINT survey_month_counters_pkey;
ALTER TABLE survey_month_counters
  ADD COLUMN visit_type text NOT NULL CHECK (visit_type IN ('outpatient', 'inpatient'));
ALTER TABLE survey_month_counters ADD PRIMARY KEY (department_id, month, visit_type);
INSERT INTO survey_month_counters (department_id, month, visit_type, responses, recommend_sum, promoters, detractors)
SELECT department_id, month, visit_type, responses, recommend_sum, promoters, detractors FROM typed_month_counts
WHERE (responses, recommend_sum, promoters, detractors) <> (0, 0, 0, 0);
