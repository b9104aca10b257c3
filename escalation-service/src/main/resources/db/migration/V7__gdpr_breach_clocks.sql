-- GDPR Art. 33 clocks of personal-data breaches (docs/security-incidents.md), driven by incident-service's
-- PersonalDataBreachMarked / -Unmarked / -Decided and run by the escalation engine like its other durable timers:
-- reminders at 24, 48 and 66 hours after awareness, overdue at 72, until a decision is recorded.
create table breach_clock (
    incident_id      uuid primary key,
    service          text        not null,
    priority         text        not null,
    summary          text        not null,
    aware_at         timestamptz not null,
    deadline         timestamptz not null,
    marked           boolean     not null,
    decided_at       timestamptz,
    deadline_met     boolean,
    reminded_hours   int         not null default 0,   -- the last reminder sent: 0 (none), 24, 48, 66 or 72 (overdue)
    next_reminder_at timestamptz,                      -- the timer; null once decided, unmarked, or overdue sent
    changed_at       timestamptz not null,             -- occurredAt of the event that last changed the clock
    updated_at       timestamptz not null
);
create index breach_clock_due on breach_clock (next_reminder_at) where next_reminder_at is not null;
