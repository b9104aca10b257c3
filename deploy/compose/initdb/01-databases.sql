-- One database per service (docs/architecture.md); each service's Flyway creates its schema at start.
CREATE DATABASE tocsin_incident;
CREATE DATABASE tocsin_escalation;
CREATE DATABASE tocsin_notification;
CREATE DATABASE tocsin_status;
