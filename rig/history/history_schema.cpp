// The history database's tables: runs and their fobs (version 1), campaigns (version 2), a run's
// record-failed status (3), and its unverified status and answered variant (4).
#include "rig/history/history_schema.hpp"

#include <array>

namespace fobrig {
namespace {

// Version 1. The run's fobs are a child table so that a fob can be followed by its label
// across runs; passed is NULL until the run has an outcome.
constexpr std::string_view schema_v1 = R"sql(
CREATE TABLE runs (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    started_utc TEXT NOT NULL,
    finished_utc TEXT NOT NULL DEFAULT '',
    procedure_id TEXT NOT NULL,
    rig_name TEXT NOT NULL,
    mode TEXT NOT NULL,
    status TEXT NOT NULL
        CHECK (status IN ('running', 'passed', 'failed', 'aborted', 'interrupted')),
    reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX runs_by_start ON runs (started_utc, seq);
CREATE INDEX runs_by_status ON runs (status);
CREATE TABLE fobs (
    run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    slot INTEGER NOT NULL,
    label TEXT NOT NULL,
    passed INTEGER,
    reason TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (run_id, slot)
);
CREATE INDEX fobs_by_label ON fobs (label);
)sql";

// Version 2. A campaign's progress is one JSON document, enough to resume it; its runs and
// its fobs' results are rows as well, so that a fob can be followed by its label.
constexpr std::string_view schema_v2 = R"sql(
CREATE TABLE campaigns (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    started_utc TEXT NOT NULL,
    procedure_id TEXT NOT NULL,
    rig_name TEXT NOT NULL,
    verify_only INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('running', 'finished')),
    restored INTEGER,
    summary TEXT NOT NULL DEFAULT '',
    progress TEXT NOT NULL
);
CREATE INDEX campaigns_by_status ON campaigns (status, started_utc, seq);
CREATE TABLE campaign_runs (
    campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    round INTEGER NOT NULL,
    kind TEXT NOT NULL,
    run_id TEXT NOT NULL,
    outcome TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (campaign_id, seq)
);
CREATE TABLE campaign_fobs (
    campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    label TEXT NOT NULL,
    keep INTEGER NOT NULL,
    slot INTEGER NOT NULL,
    round INTEGER NOT NULL,
    programmed INTEGER NOT NULL,
    lock_verified INTEGER NOT NULL,
    unlock_verified INTEGER NOT NULL,
    latency_us INTEGER,
    attempts INTEGER NOT NULL,
    presses INTEGER NOT NULL,
    result TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    warning TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (campaign_id, number)
);
CREATE INDEX campaign_fobs_by_label ON campaign_fobs (label);
)sql";

// Version 3. A run whose files could not be written is 'record-failed'; a fob keeps whether
// the run programmed it, so that the car's key table can be told from the history. SQLite
// cannot change a CHECK in place: runs is rebuilt, fobs set aside first so that dropping runs
// cascades into nothing.
constexpr std::string_view schema_v3 = R"sql(
CREATE TABLE fobs_v2 AS SELECT run_id, slot, label, passed, reason FROM fobs;
DROP TABLE fobs;
CREATE TABLE runs_v3 (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    started_utc TEXT NOT NULL,
    finished_utc TEXT NOT NULL DEFAULT '',
    procedure_id TEXT NOT NULL,
    rig_name TEXT NOT NULL,
    mode TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('running', 'passed', 'failed', 'aborted',
                                           'interrupted', 'record-failed')),
    reason TEXT NOT NULL DEFAULT ''
);
INSERT INTO runs_v3 (seq, id, started_utc, finished_utc, procedure_id, rig_name, mode, status,
                     reason)
    SELECT seq, id, started_utc, finished_utc, procedure_id, rig_name, mode, status, reason
    FROM runs;
DROP TABLE runs;
ALTER TABLE runs_v3 RENAME TO runs;
CREATE INDEX runs_by_start ON runs (started_utc, seq);
CREATE INDEX runs_by_status ON runs (status);
CREATE TABLE fobs (
    run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    slot INTEGER NOT NULL,
    label TEXT NOT NULL,
    passed INTEGER,
    reason TEXT NOT NULL DEFAULT '',
    programmed INTEGER,
    PRIMARY KEY (run_id, slot)
);
INSERT INTO fobs (run_id, slot, label, passed, reason)
    SELECT run_id, slot, label, passed, reason FROM fobs_v2;
DROP TABLE fobs_v2;
CREATE INDEX fobs_by_label ON fobs (label);
)sql";

// Version 4. A run may end 'unverified' (programmed, not every fob seen to answer), which the
// CHECK of version 3 refused; and a run keeps the variant of the ritual the car answered, so
// that the next campaign on that car starts with it. Rebuilt as in version 3.
constexpr std::string_view schema_v4 = R"sql(
CREATE TABLE fobs_v3 AS SELECT run_id, slot, label, passed, reason, programmed FROM fobs;
DROP TABLE fobs;
CREATE TABLE runs_v4 (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    started_utc TEXT NOT NULL,
    finished_utc TEXT NOT NULL DEFAULT '',
    procedure_id TEXT NOT NULL,
    rig_name TEXT NOT NULL,
    mode TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('running', 'passed', 'unverified', 'failed', 'aborted',
                                           'interrupted', 'record-failed')),
    reason TEXT NOT NULL DEFAULT '',
    variant TEXT NOT NULL DEFAULT ''
);
INSERT INTO runs_v4 (seq, id, started_utc, finished_utc, procedure_id, rig_name, mode, status,
                     reason)
    SELECT seq, id, started_utc, finished_utc, procedure_id, rig_name, mode, status, reason
    FROM runs;
DROP TABLE runs;
ALTER TABLE runs_v4 RENAME TO runs;
CREATE INDEX runs_by_start ON runs (started_utc, seq);
CREATE INDEX runs_by_status ON runs (status);
CREATE INDEX runs_by_variant ON runs (procedure_id, rig_name, variant);
CREATE TABLE fobs (
    run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    slot INTEGER NOT NULL,
    label TEXT NOT NULL,
    passed INTEGER,
    reason TEXT NOT NULL DEFAULT '',
    programmed INTEGER,
    PRIMARY KEY (run_id, slot)
);
INSERT INTO fobs (run_id, slot, label, passed, reason, programmed)
    SELECT run_id, slot, label, passed, reason, programmed FROM fobs_v3;
DROP TABLE fobs_v3;
CREATE INDEX fobs_by_label ON fobs (label);
)sql";

// Version 5. A program run keeps what its car's key table does with the keys it programs
// ([applies_to] key_table and max_keys), so that the key table the daemon tells is replayed
// with each session's own rule; older runs were all taken as erase-all.
constexpr std::string_view schema_v5 = R"sql(
ALTER TABLE runs ADD COLUMN key_table TEXT NOT NULL DEFAULT 'erase-all';
ALTER TABLE runs ADD COLUMN max_keys INTEGER NOT NULL DEFAULT 0;
)sql";

constexpr std::array<std::string_view, 5> migrations{schema_v1, schema_v2, schema_v3, schema_v4,
                                                     schema_v5};

} // namespace

std::span<const std::string_view> history_migrations() {
    return migrations;
}

} // namespace fobrig
