package io.tocsin.commons.db;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hibernate.type.descriptor.ValueBinder;
import org.hibernate.type.descriptor.ValueExtractor;
import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.descriptor.jdbc.BasicBinder;
import org.hibernate.type.descriptor.jdbc.BasicExtractor;
import org.hibernate.type.descriptor.jdbc.JsonJdbcType;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The jsonb mapping of {@code @JdbcTypeCode(SqlTypes.JSON)} attributes whose JSON is an array (a list of records).
 * Hibernate Reactive passes JSON to and from the Vert.x client as a JsonObject only, so a list can be neither stored
 * nor read (hibernate-reactive issue 4156). This passes an array as a JsonArray and an object as a JsonObject; the
 * conversion to and from records is Hibernate's (its JSON format mapper). Delete it, and its {@code @JdbcType} uses,
 * once Hibernate Reactive handles arrays itself. Hibernate creates it by its no-argument constructor, hence the
 * registration for reflection (native image).
 */
@RegisterForReflection
public class JsonbJdbcType extends JsonJdbcType {

    public JsonbJdbcType() {
        super(null);
    }

    @Override
    public <X> ValueBinder<X> getBinder(JavaType<X> javaType) {
        return new BasicBinder<>(javaType, this) {
            @Override
            protected void doBind(PreparedStatement st, X value, int index, WrapperOptions options) throws SQLException {
                st.setObject(index, toVertx(value, javaType, options));
            }

            @Override
            protected void doBind(CallableStatement st, X value, String name, WrapperOptions options)
                    throws SQLException {
                st.setObject(name, toVertx(value, javaType, options));
            }
        };
    }

    @Override
    public <X> ValueExtractor<X> getExtractor(JavaType<X> javaType) {
        return new BasicExtractor<>(javaType, this) {
            @Override
            protected X doExtract(ResultSet rs, int index, WrapperOptions options) throws SQLException {
                return fromVertx(rs.getObject(index), javaType, options);
            }

            @Override
            protected X doExtract(CallableStatement st, int index, WrapperOptions options) throws SQLException {
                return fromVertx(st.getObject(index), javaType, options);
            }

            @Override
            protected X doExtract(CallableStatement st, String name, WrapperOptions options) throws SQLException {
                return fromVertx(st.getObject(name), javaType, options);
            }
        };
    }

    private <X> Object toVertx(X value, JavaType<X> javaType, WrapperOptions options) {
        String json = toString(value, javaType, options);
        return json.startsWith("[") ? new JsonArray(json) : new JsonObject(json);
    }

    private <X> X fromVertx(Object value, JavaType<X> javaType, WrapperOptions options) throws SQLException {
        if (value == null) {
            return null;
        }
        String json = value instanceof JsonObject object ? object.encode()
                : value instanceof JsonArray array ? array.encode() : value.toString();
        return fromString(json, javaType, options);
    }
}
