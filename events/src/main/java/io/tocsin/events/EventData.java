package io.tocsin.events;

/** Marker for the data records of events; {@link EventType} names each one and its schema. */
public interface EventData {
}
