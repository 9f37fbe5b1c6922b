package dev.ordo.web;

import java.io.IOException;

/** The request body passed {@link BodySizeLimitFilter#MAX_BYTES}. */
public class BodyTooLargeException extends IOException {
    public BodyTooLargeException() {
        super("the request body is larger than 1 MiB");
    }
}
