-- sdesk schema, migration 1: group roles, tables, constraints, indexes,
-- append-only guards. Applied by `sdesk db migrate` in one transaction.
-- Money: bigint cents. Durations: integer minutes or seconds. Instants: timestamptz.

-- Group roles are cluster-wide; create them only once.
DO $$
DECLARE
	r text;
BEGIN
	FOREACH r IN ARRAY ARRAY['sdesk_agent', 'sdesk_lead', 'sdesk_ops', 'sdesk_admin'] LOOP
		IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
			EXECUTE format('CREATE ROLE %I NOLOGIN', r);
		END IF;
	END LOOP;
END
$$;

-- The plan catalogue as last loaded from conf/plans.cfg (`sdesk plans load`).
CREATE TABLE plan_catalogue (
	id        bigserial PRIMARY KEY,
	hash      text NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{8,128}$'),
	source    text NOT NULL,
	loaded_at timestamptz NOT NULL DEFAULT now(),
	loaded_by text NOT NULL DEFAULT session_user
);

CREATE TABLE calendar (
	code         text PRIMARY KEY CHECK (code ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
	title        text NOT NULL,
	time_zone    text NOT NULL,
	definition   jsonb NOT NULL CHECK (jsonb_typeof(definition) = 'object'),
	catalogue_id bigint NOT NULL REFERENCES plan_catalogue,
	updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE plan (
	code         text PRIMARY KEY CHECK (code ~ '^[a-z0-9][a-z0-9_.-]{0,63}$'),
	title        text NOT NULL CHECK (btrim(title) <> ''),
	provider     text NOT NULL CHECK (btrim(provider) <> ''),
	vat_bp       integer NOT NULL CHECK (vat_bp BETWEEN 0 AND 10000), -- basis points: 1900 = 19 %
	definition   jsonb NOT NULL CHECK (jsonb_typeof(definition) = 'object'),
	catalogue_id bigint NOT NULL REFERENCES plan_catalogue,
	active       boolean NOT NULL DEFAULT true, -- false once gone from the catalogue
	updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE account (
	id           bigserial PRIMARY KEY,
	code         text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$'),
	name         text NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 200),
	activated_on date, -- activation of the software (one-off phone credit, 002)
	created_at   timestamptz NOT NULL DEFAULT now(),
	created_by   text NOT NULL DEFAULT session_user
);

CREATE TABLE contract (
	id         bigserial PRIMARY KEY,
	account_id bigint NOT NULL REFERENCES account,
	plan_code  text NOT NULL REFERENCES plan ON UPDATE CASCADE,
	valid_from date NOT NULL,
	valid_to   date, -- inclusive; NULL: open-ended
	overrides  jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(overrides) = 'object'),
	created_at timestamptz NOT NULL DEFAULT now(),
	created_by text NOT NULL DEFAULT session_user,
	CONSTRAINT contract_dates CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX contract_account ON contract (account_id, valid_from);

CREATE TABLE contact (
	id         bigserial PRIMARY KEY,
	account_id bigint NOT NULL REFERENCES account,
	name       text NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 200),
	role       text NOT NULL CHECK (role IN ('key_user', 'end_user')),
	email      text CHECK (email IS NULL OR email ~ '^[^@\s]+@[^@\s]+$'),
	phone      text,
	active     boolean NOT NULL DEFAULT true,
	created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contact_account ON contact (account_id);

CREATE TABLE team (
	id   bigserial PRIMARY KEY,
	name text NOT NULL UNIQUE CHECK (btrim(name) <> '')
);

-- login is the PostgreSQL login role of the person (compared with session_user).
CREATE TABLE agent (
	login        text PRIMARY KEY CHECK (login ~ '^[a-z_][a-z0-9_.-]{0,62}$'),
	display_name text NOT NULL CHECK (btrim(display_name) <> ''),
	tier         smallint NOT NULL DEFAULT 1 CHECK (tier BETWEEN 1 AND 3),
	team_id      bigint REFERENCES team,
	is_lead      boolean NOT NULL DEFAULT false,
	active       boolean NOT NULL DEFAULT true
);

-- Ticket numbers are plain integers from 10001 on, shown as SD-10001.
CREATE SEQUENCE ticket_number START 10001;

CREATE TABLE ticket (
	id                  bigint PRIMARY KEY DEFAULT nextval('ticket_number'),
	ref                 text GENERATED ALWAYS AS ('SD-' || id::text) STORED UNIQUE,
	account_id          bigint NOT NULL REFERENCES account,
	contract_id         bigint NOT NULL REFERENCES contract,
	contact_id          bigint REFERENCES contact,
	channel             text NOT NULL CHECK (channel IN ('ticket', 'email', 'chat', 'phone', 'callback', 'hotline')),
	category            text NOT NULL CHECK (category ~ '^[a-z0-9][a-z0-9_-]{0,31}$'),
	subject             text NOT NULL CHECK (btrim(subject) <> '' AND length(subject) <= 500),
	description         text NOT NULL DEFAULT '' CHECK (length(description) <= 100000),
	tier                smallint NOT NULL DEFAULT 1 CHECK (tier BETWEEN 1 AND 3),
	status              text NOT NULL DEFAULT 'new'
	                    CHECK (status IN ('new', 'open', 'waiting', 'resolved', 'closed')),
	received_at         timestamptz NOT NULL,
	first_contact_at    timestamptz,
	first_contact_kind  text CHECK (first_contact_kind IN ('contact', 'broadcast')),
	reaction_due        timestamptz,
	resolution_due      timestamptz,
	estimate_due        timestamptz, -- the resolution time the customer was told (latest)
	escalation_level    smallint NOT NULL DEFAULT 0 CHECK (escalation_level BETWEEN 0 AND 3),
	escalation_extended boolean NOT NULL DEFAULT false,
	paused_since        timestamptz,
	managed_service     boolean NOT NULL DEFAULT false,
	managed_told_at     timestamptz,
	managed_told_via    text CHECK (managed_told_via IN ('email', 'phone', 'ticket', 'chat', 'letter', 'meeting')),
	assignee            text REFERENCES agent,
	resolved_at         timestamptz,
	closed_at           timestamptz,
	created_by          text NOT NULL DEFAULT session_user,
	created_at          timestamptz NOT NULL DEFAULT now(),
	updated_at          timestamptz NOT NULL DEFAULT now(),
	CHECK ((first_contact_at IS NULL) = (first_contact_kind IS NULL)),
	CHECK (first_contact_at IS NULL OR first_contact_at >= received_at),
	CHECK (reaction_due IS NULL OR reaction_due >= received_at),
	CHECK (resolution_due IS NULL OR resolution_due >= received_at),
	CHECK ((status = 'waiting') = (paused_since IS NOT NULL)),
	CHECK (status NOT IN ('resolved', 'closed') OR resolved_at IS NOT NULL),
	CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
	CHECK (NOT managed_service OR (managed_told_at IS NOT NULL AND managed_told_via IS NOT NULL))
);
CREATE INDEX ticket_account ON ticket (account_id, received_at);
CREATE INDEX ticket_assignee_open ON ticket (assignee) WHERE status IN ('new', 'open', 'waiting');
-- The board and the queues: due instants of open tickets only.
CREATE INDEX ticket_reaction_due_open ON ticket (reaction_due)
	WHERE status IN ('new', 'open') AND first_contact_at IS NULL;
CREATE INDEX ticket_resolution_due_open ON ticket (resolution_due)
	WHERE status IN ('new', 'open', 'waiting');
CREATE INDEX ticket_estimate_due_open ON ticket (estimate_due)
	WHERE status IN ('open', 'waiting') AND estimate_due IS NOT NULL;
CREATE INDEX ticket_escalated_open ON ticket (escalation_level)
	WHERE status IN ('new', 'open', 'waiting') AND (escalation_level > 0 OR tier = 3);

-- The estimate the customer was told, and every extension of it (001 §escalation).
CREATE TABLE ticket_estimate (
	id         bigserial PRIMARY KEY,
	ticket_id  bigint NOT NULL REFERENCES ticket,
	seq        smallint NOT NULL CHECK (seq >= 0), -- 0: first estimate, 1..: extensions
	due        timestamptz NOT NULL,
	reason     text,
	set_by     text NOT NULL DEFAULT session_user,
	set_at     timestamptz NOT NULL DEFAULT now(),
	UNIQUE (ticket_id, seq),
	CHECK (seq = 0 OR btrim(coalesce(reason, '')) <> '')
);

-- Waiting for the customer: the clocks stop between from_at and to_at.
CREATE TABLE ticket_pause (
	id        bigserial PRIMARY KEY,
	ticket_id bigint NOT NULL REFERENCES ticket,
	from_at   timestamptz NOT NULL,
	to_at     timestamptz,
	reason    text,
	paused_by text NOT NULL DEFAULT session_user,
	CHECK (to_at IS NULL OR to_at >= from_at)
);
CREATE UNIQUE INDEX ticket_pause_one_open ON ticket_pause (ticket_id) WHERE to_at IS NULL;

CREATE TABLE dev_link (
	id        bigserial PRIMARY KEY,
	ticket_id bigint NOT NULL REFERENCES ticket,
	tracker   text NOT NULL CHECK (btrim(tracker) <> ''),
	ref       text NOT NULL CHECK (btrim(ref) <> ''),
	kind      text NOT NULL CHECK (kind IN ('bug', 'feature', 'other')),
	url       text,
	linked_by text NOT NULL DEFAULT session_user,
	linked_at timestamptz NOT NULL DEFAULT now(),
	UNIQUE (ticket_id, tracker, ref)
);

CREATE TABLE incident (
	id              bigserial PRIMARY KEY,
	title           text NOT NULL CHECK (btrim(title) <> ''),
	description     text NOT NULL DEFAULT '',
	status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'monitoring', 'resolved')),
	started_at      timestamptz NOT NULL,
	expected_fix_at timestamptz,
	resolved_at     timestamptz,
	created_by      text NOT NULL DEFAULT session_user,
	created_at      timestamptz NOT NULL DEFAULT now(),
	CHECK ((status = 'resolved') = (resolved_at IS NOT NULL)),
	CHECK (resolved_at IS NULL OR resolved_at >= started_at)
);
CREATE INDEX incident_open ON incident (started_at) WHERE status <> 'resolved';

-- A published message about an incident; counts as first qualified contact.
CREATE TABLE broadcast (
	id              bigserial PRIMARY KEY,
	incident_id     bigint NOT NULL REFERENCES incident,
	body            text NOT NULL CHECK (btrim(body) <> ''),
	expected_fix_at timestamptz,
	sent_at         timestamptz NOT NULL,
	sent_by         text NOT NULL DEFAULT session_user
);
CREATE INDEX broadcast_incident ON broadcast (incident_id, sent_at);

CREATE TABLE ticket_incident (
	ticket_id   bigint NOT NULL REFERENCES ticket,
	incident_id bigint NOT NULL REFERENCES incident,
	linked_by   text NOT NULL DEFAULT session_user,
	linked_at   timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (ticket_id, incident_id)
);
CREATE INDEX ticket_incident_incident ON ticket_incident (incident_id);

CREATE TABLE maintenance_window (
	id           bigserial PRIMARY KEY,
	title        text NOT NULL CHECK (btrim(title) <> ''),
	scope        text NOT NULL DEFAULT 'all', -- 'all', a provider or a plan code
	starts_at    timestamptz NOT NULL,
	ends_at      timestamptz NOT NULL,
	announced_at timestamptz,
	created_by   text NOT NULL DEFAULT session_user,
	created_at   timestamptz NOT NULL DEFAULT now(),
	CHECK (ends_at > starts_at),
	CHECK (announced_at IS NULL OR announced_at <= starts_at)
);
CREATE INDEX maintenance_upcoming ON maintenance_window (starts_at);

-- Extended standby booked by a customer (001): opens that account's calendar.
CREATE TABLE standby_booking (
	id              bigserial PRIMARY KEY,
	account_id      bigint NOT NULL REFERENCES account,
	contract_id     bigint NOT NULL REFERENCES contract,
	starts_at       timestamptz NOT NULL,
	ends_at         timestamptz NOT NULL,
	rate_cents      bigint NOT NULL CHECK (rate_cents >= 0), -- per hour
	override_reason text, -- set when a lead booked inside the minimum lead time
	booked_by       text NOT NULL DEFAULT session_user,
	booked_at       timestamptz NOT NULL DEFAULT now(),
	CHECK (ends_at > starts_at)
);
CREATE INDEX standby_account ON standby_booking (account_id, starts_at);

-- On-call work outside office hours (003) and its checklist.
CREATE TABLE oncall_work (
	id          bigserial PRIMARY KEY,
	account_id  bigint NOT NULL REFERENCES account,
	contract_id bigint NOT NULL REFERENCES contract,
	ticket_id   bigint REFERENCES ticket,
	agent       text NOT NULL REFERENCES agent,
	started_at  timestamptz NOT NULL,
	ended_at    timestamptz,
	report      text, -- the detailed report due the next working day
	reported_at timestamptz,
	CHECK (ended_at IS NULL OR ended_at >= started_at)
);

CREATE TABLE oncall_check (
	work_id bigint NOT NULL REFERENCES oncall_work,
	item    text NOT NULL CHECK (item IN ('server_reachable', 'resources', 'logs_saved',
	        'hung_processes', 'controlled_restart', 'customer_feedback', 'report')),
	note    text,
	done_by text NOT NULL DEFAULT session_user,
	done_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (work_id, item)
);

CREATE TABLE call (
	id            bigserial PRIMARY KEY,
	ticket_id     bigint NOT NULL REFERENCES ticket,
	account_id    bigint NOT NULL REFERENCES account,
	agent         text NOT NULL REFERENCES agent,
	started_at    timestamptz NOT NULL,
	duration_s    integer NOT NULL CHECK (duration_s >= 0),
	kind          text NOT NULL CHECK (kind IN ('phone', 'hotline', 'callback')),
	tariff_window text CHECK (tariff_window IS NULL OR tariff_window ~ '^[a-z0-9_-]{1,32}$'),
	price_cents   bigint NOT NULL DEFAULT 0 CHECK (price_cents >= 0),
	created_at    timestamptz NOT NULL DEFAULT now(),
	CHECK (kind <> 'hotline' OR tariff_window IS NOT NULL)
);
CREATE INDEX call_account ON call (account_id, started_at);
CREATE INDEX call_ticket ON call (ticket_id);

CREATE TABLE time_entry (
	id           bigserial PRIMARY KEY,
	ticket_id    bigint NOT NULL REFERENCES ticket,
	account_id   bigint NOT NULL REFERENCES account,
	agent        text NOT NULL REFERENCES agent,
	started_at   timestamptz NOT NULL,
	minutes      integer NOT NULL CHECK (minutes > 0 AND minutes % 15 = 0),
	kind         text NOT NULL CHECK (kind IN ('support', 'managed_service', 'technical',
	             'user_support', 'oncall', 'standby')),
	rush         boolean NOT NULL DEFAULT false,
	rate_cents   bigint NOT NULL DEFAULT 0 CHECK (rate_cents >= 0),   -- per hour
	amount_cents bigint NOT NULL DEFAULT 0 CHECK (amount_cents >= 0),
	note         text NOT NULL DEFAULT '',
	created_at   timestamptz NOT NULL DEFAULT now(),
	CHECK (NOT rush OR kind = 'managed_service')
);
CREATE INDEX time_entry_account ON time_entry (account_id, started_at);
CREATE INDEX time_entry_ticket ON time_entry (ticket_id);

-- Every budget movement; balances are sums over it. Append-only.
-- amount is signed in `unit`: credits > 0, consumption < 0, corrections either way.
CREATE TABLE budget_ledger (
	id                   bigserial PRIMARY KEY,
	account_id           bigint NOT NULL REFERENCES account,
	contract_id          bigint NOT NULL REFERENCES contract,
	kind                 text NOT NULL CHECK (kind IN ('monthly_allowance', 'activation_credit',
	                     'points_package', 'consumption', 'overage', 'correction')),
	pool                 text NOT NULL DEFAULT 'phone' CHECK (pool ~ '^[a-z0-9_]{1,32}$'),
	unit                 text NOT NULL CHECK (unit IN ('minutes', 'points')),
	amount               integer NOT NULL,
	money_cents          bigint NOT NULL DEFAULT 0,
	period               date, -- first day of the month a monthly allowance is for
	reason               text,
	source_call_id       bigint REFERENCES call,
	source_time_entry_id bigint REFERENCES time_entry,
	created_by           text NOT NULL DEFAULT session_user,
	created_at           timestamptz NOT NULL DEFAULT now(),
	CHECK (kind NOT IN ('monthly_allowance', 'activation_credit', 'points_package') OR amount >= 0),
	CHECK (kind NOT IN ('consumption', 'overage') OR amount <= 0),
	CHECK (kind <> 'overage' OR money_cents >= 0),
	CHECK (kind <> 'correction' OR btrim(coalesce(reason, '')) <> ''),
	CHECK ((kind = 'monthly_allowance') = (period IS NOT NULL)),
	CHECK (period IS NULL OR extract(day FROM period) = 1),
	CHECK (source_call_id IS NULL OR source_time_entry_id IS NULL)
);
CREATE INDEX budget_ledger_account ON budget_ledger (account_id, created_at);
-- A month's allowance exists once per contract and pool (created on first use).
CREATE UNIQUE INDEX budget_ledger_one_allowance ON budget_ledger (contract_id, pool, period)
	WHERE kind = 'monthly_allowance';
CREATE UNIQUE INDEX budget_ledger_one_activation ON budget_ledger (contract_id, pool)
	WHERE kind = 'activation_credit';

-- Every change, written by the function that made it. Append-only.
CREATE TABLE history (
	id        bigserial PRIMARY KEY,
	at        timestamptz NOT NULL DEFAULT now(),
	who       text NOT NULL DEFAULT session_user,
	entity    text NOT NULL,
	entity_id text NOT NULL,
	ticket_id bigint REFERENCES ticket,
	action    text NOT NULL,
	old       jsonb,
	new       jsonb
);
CREATE INDEX history_ticket ON history (ticket_id, at) WHERE ticket_id IS NOT NULL;
CREATE INDEX history_entity ON history (entity, entity_id);

-- Idempotency: one row per client-generated key; a repeated call returns result.
CREATE TABLE request (
	key        uuid PRIMARY KEY,
	action     text NOT NULL,
	result     jsonb,
	created_by text NOT NULL DEFAULT session_user,
	created_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
		USING ERRCODE = 'insufficient_privilege';
END
$$;

-- The person on an append-only row is always the session's login role.
CREATE FUNCTION stamp_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	NEW.who := session_user;
	NEW.at := now();
	RETURN NEW;
END
$$;
CREATE FUNCTION stamp_ledger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	NEW.created_by := session_user;
	NEW.created_at := now();
	RETURN NEW;
END
$$;
CREATE TRIGGER history_stamp BEFORE INSERT ON history
	FOR EACH ROW EXECUTE FUNCTION stamp_history();
CREATE TRIGGER budget_ledger_stamp BEFORE INSERT ON budget_ledger
	FOR EACH ROW EXECUTE FUNCTION stamp_ledger();

CREATE TRIGGER budget_ledger_append_only BEFORE UPDATE OR DELETE ON budget_ledger
	FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER budget_ledger_no_truncate BEFORE TRUNCATE ON budget_ledger
	FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER history_append_only BEFORE UPDATE OR DELETE ON history
	FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER history_no_truncate BEFORE TRUNCATE ON history
	FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
