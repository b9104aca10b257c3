package io.tocsin.commons.http;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The request body limit of a path: {@code tocsin.http.max-body-bytes} everywhere, except the one upload path a
 * service may name ({@code tocsin.http.uploads.path}, a regular expression over the whole path) with its own
 * {@code tocsin.http.uploads.max-bytes}. Such a service raises Vert.x's {@code quarkus.http.limits.max-body-size} to
 * let the upload through; {@link BodyLimit} holds every other path to the usual limit, declared or chunked.
 */
public final class BodyLimits {

    private final long maxBodyBytes;
    private final Pattern uploadPath;
    private final long maxUploadBytes;

    public BodyLimits(long maxBodyBytes, Optional<String> uploadPath, long maxUploadBytes) {
        this.maxBodyBytes = maxBodyBytes;
        this.uploadPath = uploadPath.filter(p -> !p.isBlank()).map(Pattern::compile).orElse(null);
        this.maxUploadBytes = maxUploadBytes;
    }

    /** Whether this service has an upload path at all. */
    public boolean uploads() {
        return uploadPath != null;
    }

    public boolean isUpload(String path) {
        return uploadPath != null && path != null && uploadPath.matcher(path).matches();
    }

    public long forUploads() {
        return maxUploadBytes;
    }

    public long forPath(String path) {
        return isUpload(path) ? maxUploadBytes : maxBodyBytes;
    }
}
