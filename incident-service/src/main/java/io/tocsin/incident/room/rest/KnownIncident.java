package io.tocsin.incident.room.rest;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The incident named by the path's {id} must exist before the method runs ({@link KnownIncidentFilter}). For streams:
 * they start their response at once, so an unknown incident found later could no longer be a 404.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface KnownIncident {
}
