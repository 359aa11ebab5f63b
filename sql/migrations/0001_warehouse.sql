-- The referrals warehouse: a star around the referrals fact. Applied inside the target schema
-- (the migrator sets search_path), so no schema name appears here.

CREATE TABLE customers (
    customer_key      text PRIMARY KEY,
    name              text,
    address_line1     text,
    address_line2     text,
    city              text,
    state             text,
    postal_code       text,
    country           text,
    region            text,
    size              text,
    source_updated_at timestamptz,
    first_seen_at     timestamptz NOT NULL DEFAULT now(),
    last_seen_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customers_country_idx ON customers (country);
COMMENT ON TABLE customers IS 'Customer organisations named by referrals (customerProfile), one row per distinct name + country + postal code; attributes come from the newest referral naming the customer.';
COMMENT ON COLUMN customers.customer_key IS 'Stable key derived from the normalised customer name, country and postal code (how Microsoft''s CRM connector matches accounts). Join to referrals.customer_key.';
COMMENT ON COLUMN customers.name IS 'Customer organisation name (customerProfile.name).';
COMMENT ON COLUMN customers.address_line1 IS 'First address line (customerProfile.address.addressLine1).';
COMMENT ON COLUMN customers.address_line2 IS 'Second address line, often empty (customerProfile.address.addressLine2).';
COMMENT ON COLUMN customers.city IS 'City (customerProfile.address.city).';
COMMENT ON COLUMN customers.state IS 'State or province (customerProfile.address.state).';
COMMENT ON COLUMN customers.postal_code IS 'Postal code (customerProfile.address.postalCode).';
COMMENT ON COLUMN customers.country IS 'Two-letter ISO 3166 country code (customerProfile.address.country), e.g. US.';
COMMENT ON COLUMN customers.region IS 'Region (customerProfile.address.region), when the API sends it.';
COMMENT ON COLUMN customers.size IS 'Company size band as sent by Partner Center, e.g. 51to500employees (customerProfile.size).';
COMMENT ON COLUMN customers.source_updated_at IS 'updatedDateTime of the referral these attributes were taken from.';
COMMENT ON COLUMN customers.first_seen_at IS 'When the exporter first stored this customer.';
COMMENT ON COLUMN customers.last_seen_at IS 'When the exporter last saw a referral naming this customer.';

CREATE TABLE referrals (
    id                             text PRIMARY KEY,
    engagement_id                  text,
    organization_id                text,
    organization_name              text,
    name                           text,
    external_reference_id          text,
    created_at                     timestamptz,
    updated_at                     timestamptz,
    expires_at                     timestamptz,
    accepted_at                    timestamptz,
    closing_at                     timestamptz,
    status                         text,
    substatus                      text,
    status_reason                  text,
    type                           text,
    qualification                  text,
    direction                      text,
    referral_source                text,
    call_to_action                 text,
    customer_marketplace_intent    text,
    deal_value                     numeric,
    currency                       text,
    notes                          text,
    customer_key                   text REFERENCES customers (customer_key),
    invited_by_organization_id     text,
    invited_by_organization_name   text,
    invite_notes                   text,
    consent_to_share_info_with_others               boolean,
    consent_to_contact                              boolean,
    consent_to_microsoft_to_contact_specific_partners boolean,
    consent_to_share_referral_with_microsoft_sellers  boolean,
    etag                           text,
    raw                            jsonb NOT NULL,
    content_hash                   text NOT NULL,
    run_id                         uuid NOT NULL,
    loaded_at                      timestamptz NOT NULL,
    first_seen_at                  timestamptz NOT NULL,
    last_seen_at                   timestamptz NOT NULL,
    missing_since                  timestamptz
);
CREATE INDEX referrals_status_idx ON referrals (status, substatus);
CREATE INDEX referrals_substatus_idx ON referrals (substatus);
CREATE INDEX referrals_direction_type_idx ON referrals (direction, type);
CREATE INDEX referrals_type_idx ON referrals (type);
CREATE INDEX referrals_qualification_idx ON referrals (qualification);
CREATE INDEX referrals_created_at_idx ON referrals (created_at);
CREATE INDEX referrals_updated_at_idx ON referrals (updated_at);
CREATE INDEX referrals_engagement_id_idx ON referrals (engagement_id);
CREATE INDEX referrals_customer_key_idx ON referrals (customer_key);
COMMENT ON TABLE referrals IS 'One row per Partner Center referral (lead or co-sell opportunity), the newest version seen. The fact table of the warehouse.';
COMMENT ON COLUMN referrals.id IS 'Referral id (GUID as text), unique in Partner Center.';
COMMENT ON COLUMN referrals.engagement_id IS 'Engagement id: the referrals of both sides of one co-sell share it.';
COMMENT ON COLUMN referrals.organization_id IS 'Id of the partner organisation that owns this referral.';
COMMENT ON COLUMN referrals.organization_name IS 'Name of the partner organisation that owns this referral.';
COMMENT ON COLUMN referrals.name IS 'Referral name (title) as entered in Partner Center.';
COMMENT ON COLUMN referrals.external_reference_id IS 'The partner''s own CRM id for this lead or opportunity, when set.';
COMMENT ON COLUMN referrals.created_at IS 'When the referral was created (createdDateTime, UTC).';
COMMENT ON COLUMN referrals.updated_at IS 'When the referral last changed in Partner Center (updatedDateTime, UTC). Newer versions replace older ones by this time.';
COMMENT ON COLUMN referrals.expires_at IS 'Deadline to respond before Partner Center archives the referral as Expired (expirationDateTime), typically 14 days after creation.';
COMMENT ON COLUMN referrals.accepted_at IS 'When the referral was accepted (acceptedDateTime); for outgoing referrals, the creation time.';
COMMENT ON COLUMN referrals.closing_at IS 'Expected closing date of the deal (details.closingDateTime).';
COMMENT ON COLUMN referrals.status IS 'Status: New, Active or Closed (None is possible).';
COMMENT ON COLUMN referrals.substatus IS 'Substatus: Pending or Received (New), Accepted (Active), Won, Lost, Declined or Expired (Closed).';
COMMENT ON COLUMN referrals.status_reason IS 'Why the referral is in its status, e.g. why it was lost.';
COMMENT ON COLUMN referrals.type IS 'Independent (one partner) or Shared (co-sell with Microsoft or another partner).';
COMMENT ON COLUMN referrals.qualification IS 'Lead quality: None, Direct (from a customer), MarketingQualified or SalesQualified.';
COMMENT ON COLUMN referrals.direction IS 'Incoming (received by the partner) or Outgoing (created by the partner).';
COMMENT ON COLUMN referrals.referral_source IS 'Source of a marketplace lead (referralSource), free text.';
COMMENT ON COLUMN referrals.call_to_action IS 'Call to action of a marketplace lead (callToAction), free text.';
COMMENT ON COLUMN referrals.customer_marketplace_intent IS 'Whether the customer intends to buy through the Microsoft marketplace (customerMarketplaceIntent).';
COMMENT ON COLUMN referrals.deal_value IS 'Estimated deal value (details.dealValue), exact decimal, in currency.';
COMMENT ON COLUMN referrals.currency IS 'ISO 4217 currency of deal_value (details.currency), e.g. USD.';
COMMENT ON COLUMN referrals.notes IS 'Free-text notes of the referral (details.notes).';
COMMENT ON COLUMN referrals.customer_key IS 'The customer this referral is for; join to customers.customer_key. Null when the referral names no customer.';
COMMENT ON COLUMN referrals.invited_by_organization_id IS 'Who invited the partner (inviteContext.invitedBy.organizationId); msft means Microsoft.';
COMMENT ON COLUMN referrals.invited_by_organization_name IS 'Name of the inviting organisation (inviteContext.invitedBy.organizationName).';
COMMENT ON COLUMN referrals.invite_notes IS 'Message from the inviter (inviteContext.notes).';
COMMENT ON COLUMN referrals.consent_to_share_info_with_others IS 'Customer consents to share information with others (consent.consentToToShareInfoWithOthers).';
COMMENT ON COLUMN referrals.consent_to_contact IS 'Customer consents to be contacted (consent.consentToContact).';
COMMENT ON COLUMN referrals.consent_to_microsoft_to_contact_specific_partners IS 'Customer consents to Microsoft contacting specific partners.';
COMMENT ON COLUMN referrals.consent_to_share_referral_with_microsoft_sellers IS 'Shared with Microsoft sellers; false means a private deal.';
COMMENT ON COLUMN referrals.etag IS 'Partner Center concurrency tag (eTag) of this version.';
COMMENT ON COLUMN referrals.raw IS 'The referral exactly as the API returned it (JSON), including fields not yet modelled as columns.';
COMMENT ON COLUMN referrals.content_hash IS 'md5 of the normalised raw JSON; unchanged referrals are not rewritten.';
COMMENT ON COLUMN referrals.run_id IS 'The exporter run (etl_runs.run_id) that last wrote this row.';
COMMENT ON COLUMN referrals.loaded_at IS 'When this row was last written.';
COMMENT ON COLUMN referrals.first_seen_at IS 'When the exporter first saw this referral.';
COMMENT ON COLUMN referrals.last_seen_at IS 'When the exporter last saw this referral in the API, changed or not.';
COMMENT ON COLUMN referrals.missing_since IS 'Set when a full refresh did not return this referral (it may have been deleted or hidden); never deleted here.';

CREATE TABLE requirements (
    requirement_key text PRIMARY KEY,
    kind            text NOT NULL CHECK (kind IN ('industry', 'product', 'service', 'solution')),
    code            text NOT NULL,
    name            text,
    solution_type   text,
    UNIQUE (kind, code)
);
COMMENT ON TABLE requirements IS 'What customers ask for: industries, products, services and solutions named in referrals (details.requirements).';
COMMENT ON COLUMN requirements.requirement_key IS 'Stable key derived from kind and code.';
COMMENT ON COLUMN requirements.kind IS 'industry, product, service or solution.';
COMMENT ON COLUMN requirements.code IS 'The item''s id in Partner Center, e.g. Azure, Education, SOL-Microsoft365.';
COMMENT ON COLUMN requirements.name IS 'Display name (solutions only).';
COMMENT ON COLUMN requirements.solution_type IS 'Solution tag type (Category, Name, ...), solutions only.';

CREATE TABLE referral_requirements (
    referral_id     text NOT NULL REFERENCES referrals (id) ON DELETE CASCADE,
    requirement_key text NOT NULL REFERENCES requirements (requirement_key),
    position        integer NOT NULL,
    PRIMARY KEY (referral_id, requirement_key)
);
CREATE INDEX referral_requirements_requirement_idx ON referral_requirements (requirement_key);
COMMENT ON TABLE referral_requirements IS 'Which requirements each referral names (bridge between referrals and requirements); replaced as a set when a referral changes.';
COMMENT ON COLUMN referral_requirements.referral_id IS 'The referral (referrals.id).';
COMMENT ON COLUMN referral_requirements.requirement_key IS 'The requirement (requirements.requirement_key).';
COMMENT ON COLUMN referral_requirements.position IS 'Position of the item in its list in the API response (0-based).';

CREATE TABLE referral_team_members (
    referral_id           text NOT NULL REFERENCES referrals (id) ON DELETE CASCADE,
    side                  text NOT NULL CHECK (side IN ('partner', 'customer')),
    position              integer NOT NULL,
    first_name            text,
    last_name             text,
    email                 text,
    phone_number          text,
    locale                text,
    disable_notifications boolean,
    PRIMARY KEY (referral_id, side, position)
);
CREATE INDEX referral_team_members_email_idx ON referral_team_members (lower(email));
COMMENT ON TABLE referral_team_members IS 'People on each referral: the partner''s team (side partner, from team) and the customer''s contacts (side customer, from customerProfile.team). Replaced as a set when a referral changes.';
COMMENT ON COLUMN referral_team_members.referral_id IS 'The referral (referrals.id).';
COMMENT ON COLUMN referral_team_members.side IS 'partner (the partner''s team) or customer (customer contacts).';
COMMENT ON COLUMN referral_team_members.position IS 'Position in the API''s list (0-based).';
COMMENT ON COLUMN referral_team_members.first_name IS 'First name.';
COMMENT ON COLUMN referral_team_members.last_name IS 'Last name.';
COMMENT ON COLUMN referral_team_members.email IS 'Email address; search it case-insensitively with lower(email).';
COMMENT ON COLUMN referral_team_members.phone_number IS 'Phone number as entered.';
COMMENT ON COLUMN referral_team_members.locale IS 'Preferred locale (contactPreference.locale), e.g. en-US.';
COMMENT ON COLUMN referral_team_members.disable_notifications IS 'Whether this person turned Partner Center notifications off.';

CREATE TABLE referral_status_history (
    id          bigserial PRIMARY KEY,
    referral_id text NOT NULL REFERENCES referrals (id) ON DELETE CASCADE,
    status      text,
    substatus   text,
    updated_at  timestamptz,
    run_id      uuid NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX referral_status_history_referral_idx ON referral_status_history (referral_id, id);
COMMENT ON TABLE referral_status_history IS 'Each (status, substatus) a referral was seen in, appended when it changes: the funnel over time.';
COMMENT ON COLUMN referral_status_history.id IS 'Order of recording.';
COMMENT ON COLUMN referral_status_history.referral_id IS 'The referral (referrals.id).';
COMMENT ON COLUMN referral_status_history.status IS 'Status at that time.';
COMMENT ON COLUMN referral_status_history.substatus IS 'Substatus at that time.';
COMMENT ON COLUMN referral_status_history.updated_at IS 'The referral''s updatedDateTime for this version.';
COMMENT ON COLUMN referral_status_history.run_id IS 'The exporter run that recorded it.';
COMMENT ON COLUMN referral_status_history.recorded_at IS 'When the exporter recorded it.';

CREATE TABLE etl_state (
    pipeline          text PRIMARY KEY,
    watermark         timestamptz,
    strategy          text,
    last_run_id       uuid,
    last_status       text,
    last_full_refresh_at timestamptz,
    updated_at        timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE etl_state IS 'Per pipeline: how far the exporter has read. Committed in the same transaction as the data.';
COMMENT ON COLUMN etl_state.pipeline IS 'Pipeline name (one per tenant or direction).';
COMMENT ON COLUMN etl_state.watermark IS 'The newest updatedDateTime loaded; the next incremental run reads from here minus the lookback.';
COMMENT ON COLUMN etl_state.strategy IS 'Incremental strategy: scan or filter.';
COMMENT ON COLUMN etl_state.last_run_id IS 'The last run that moved this state.';
COMMENT ON COLUMN etl_state.last_status IS 'Status of that run.';
COMMENT ON COLUMN etl_state.last_full_refresh_at IS 'When the last complete full refresh started.';
COMMENT ON COLUMN etl_state.updated_at IS 'When this row was last written.';

CREATE TABLE etl_runs (
    run_id           uuid PRIMARY KEY,
    pipeline         text NOT NULL,
    started_at       timestamptz NOT NULL,
    finished_at      timestamptz,
    status           text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled')),
    mode             text,
    strategy         text,
    pages            integer NOT NULL DEFAULT 0,
    referrals        integer NOT NULL DEFAULT 0,
    inserted         integer NOT NULL DEFAULT 0,
    updated          integer NOT NULL DEFAULT 0,
    unchanged        integer NOT NULL DEFAULT 0,
    rejected         integer NOT NULL DEFAULT 0,
    watermark_before timestamptz,
    watermark_after  timestamptz,
    correlation_id   text,
    error            text,
    host             text,
    pid              integer
);
CREATE INDEX etl_runs_pipeline_started_idx ON etl_runs (pipeline, started_at DESC);
COMMENT ON TABLE etl_runs IS 'One row per exporter run: the ledger of what each run did.';
COMMENT ON COLUMN etl_runs.run_id IS 'Run id, also in the run''s JSON summary and logs.';
COMMENT ON COLUMN etl_runs.pipeline IS 'Pipeline name.';
COMMENT ON COLUMN etl_runs.started_at IS 'When the run started.';
COMMENT ON COLUMN etl_runs.finished_at IS 'When the run ended; null while running (or if the process was killed).';
COMMENT ON COLUMN etl_runs.status IS 'running, succeeded, failed or cancelled.';
COMMENT ON COLUMN etl_runs.mode IS 'full, incremental, full-refresh or backfill.';
COMMENT ON COLUMN etl_runs.strategy IS 'Incremental strategy used: scan or filter.';
COMMENT ON COLUMN etl_runs.pages IS 'API pages read.';
COMMENT ON COLUMN etl_runs.referrals IS 'Referrals received from the API.';
COMMENT ON COLUMN etl_runs.inserted IS 'Referrals new to the warehouse.';
COMMENT ON COLUMN etl_runs.updated IS 'Referrals that changed.';
COMMENT ON COLUMN etl_runs.unchanged IS 'Referrals received again without change (not rewritten).';
COMMENT ON COLUMN etl_runs.rejected IS 'Records quarantined in rejected_referrals.';
COMMENT ON COLUMN etl_runs.watermark_before IS 'Pipeline watermark when the run started.';
COMMENT ON COLUMN etl_runs.watermark_after IS 'Pipeline watermark when the run ended.';
COMMENT ON COLUMN etl_runs.correlation_id IS 'MS-CorrelationId sent with every API request of the run.';
COMMENT ON COLUMN etl_runs.error IS 'Why the run failed or was cancelled.';
COMMENT ON COLUMN etl_runs.host IS 'Host name of the machine that ran it.';
COMMENT ON COLUMN etl_runs.pid IS 'Process id that ran it.';

CREATE TABLE rejected_referrals (
    id          bigserial PRIMARY KEY,
    run_id      uuid NOT NULL,
    pipeline    text NOT NULL,
    referral_id text,
    reason      text NOT NULL,
    raw         text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rejected_referrals_run_idx ON rejected_referrals (run_id);
COMMENT ON TABLE rejected_referrals IS 'Records the API sent that could not be stored, with the reason and the original text. Quarantined, not lost.';
COMMENT ON COLUMN rejected_referrals.id IS 'Order of arrival.';
COMMENT ON COLUMN rejected_referrals.run_id IS 'The run that received it.';
COMMENT ON COLUMN rejected_referrals.pipeline IS 'The pipeline that received it.';
COMMENT ON COLUMN rejected_referrals.referral_id IS 'The referral id, when one could be read.';
COMMENT ON COLUMN rejected_referrals.reason IS 'Why it was rejected, naming the field.';
COMMENT ON COLUMN rejected_referrals.raw IS 'The record exactly as received.';
COMMENT ON COLUMN rejected_referrals.received_at IS 'When it was received.';
