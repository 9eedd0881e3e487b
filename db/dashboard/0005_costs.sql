-- Costs and capacity (issue 6): monthly cost entries per category in USD, their change log, the baseline of the
-- seeds, dated USD→ARS rates, and the capacity assumptions with their history.
--
-- The seed month's entries are written by the application on first start (it knows the current Argentina month
-- through its clock); the baseline is constant and lives here.

CREATE TABLE dashboard.cost_categories (
    name     text PRIMARY KEY,
    position smallint NOT NULL UNIQUE
);
INSERT INTO dashboard.cost_categories (name, position) VALUES
    ('Compute', 1), ('Database', 2), ('Storage', 3), ('Network', 4), ('Monitoring', 5);

-- month is the first day of the month. One amount per month and category; editing replaces it, the log keeps the old.
CREATE TABLE dashboard.cost_entries (
    month      date          NOT NULL CHECK (extract(day FROM month) = 1),
    category   text          NOT NULL REFERENCES dashboard.cost_categories (name),
    amount_usd numeric(12,2) NOT NULL CHECK (amount_usd >= 0),
    note       text          CHECK (char_length(note) <= 500),
    updated_by text          NOT NULL,
    updated_at timestamptz   NOT NULL,
    PRIMARY KEY (month, category)
);

CREATE TABLE dashboard.cost_entry_changes (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at         timestamptz   NOT NULL,
    actor_id   text,
    actor_name text          NOT NULL,
    source     text          NOT NULL CHECK (source IN ('seed', 'form', 'csv')),
    month      date          NOT NULL,
    category   text          NOT NULL,
    from_usd   numeric(12,2),
    to_usd     numeric(12,2) NOT NULL
);
CREATE INDEX cost_entry_changes_month ON dashboard.cost_entry_changes (month, category, at DESC);

-- The pre-optimisation monthly cost of the seeds: $6,400 in total, of which Compute $4,000. The other categories'
-- baselines are not in the seeds, so they are absent rather than guessed.
CREATE TABLE dashboard.cost_baseline (
    category   text          PRIMARY KEY,
    amount_usd numeric(12,2) NOT NULL CHECK (amount_usd >= 0),
    source     text          NOT NULL
);
INSERT INTO dashboard.cost_baseline (category, amount_usd, source) VALUES
    ('Total', 6400, 'seeds: total monthly $3,395, down from $6,400'),
    ('Compute', 4000, 'seeds: compute $2,150, down from $4,000');

-- ARS per USD from effective_date on; a month's figures convert at the latest rate dated on or before its last day.
CREATE TABLE dashboard.usd_ars_rates (
    effective_date date          PRIMARY KEY,
    ars_per_usd    numeric(12,4) NOT NULL CHECK (ars_per_usd > 0),
    recorded_by    text          NOT NULL,
    recorded_at    timestamptz   NOT NULL
);

-- Append-only: the latest row is in force, the others are the history of who changed what.
CREATE TABLE dashboard.capacity_assumptions (
    id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    growth_rate             double precision NOT NULL CHECK (growth_rate > -1 AND growth_rate <= 10),
    current_users           integer          NOT NULL CHECK (current_users > 0),
    cost_per_user_usd       double precision NOT NULL CHECK (cost_per_user_usd >= 0),
    manual_review_threshold integer          NOT NULL CHECK (manual_review_threshold > 0),
    months                  smallint         NOT NULL CHECK (months BETWEEN 1 AND 36),
    changed_by              text             NOT NULL,
    changed_at              timestamptz      NOT NULL
);
