package io.tocsin.commons.db;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.hibernate.orm.JsonFormat;
import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import jakarta.inject.Singleton;
import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.format.FormatMapper;
import org.hibernate.type.format.jackson.JacksonJsonFormatMapper;

/**
 * How every typed jsonb column ({@code @JdbcTypeCode(SqlTypes.JSON)}) is written and read: dates and times as
 * ISO-8601 text (a schedule's {@code "start": "2026-11-27T09:00"}, as the JSON text columns held them), never the
 * number arrays a bare Jackson mapper writes, and never the REST mapper's settings, so what is stored does not change
 * with the API's. Java time support is registered here, not found by a service loader, so the native image needs no
 * lookup.
 */
@JsonFormat
@PersistenceUnitExtension
@Singleton
public class JsonbFormat implements FormatMapper {

    private final FormatMapper delegate = new JacksonJsonFormatMapper(JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build());

    @Override
    public <T> T fromString(CharSequence text, JavaType<T> type, WrapperOptions options) {
        return delegate.fromString(text, type, options);
    }

    @Override
    public <T> String toString(T value, JavaType<T> type, WrapperOptions options) {
        return delegate.toString(value, type, options);
    }
}
