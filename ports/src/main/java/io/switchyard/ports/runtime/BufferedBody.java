package io.switchyard.ports.runtime;

import java.io.IOException;
import java.io.InputStream;

/**
 * A request body read into memory up to a limit, for mirroring and failover (spec: balancing.md
 * §2.9 step 3, §2.10).
 *
 * @param bytes    what was read: the whole body, or (when {@code overflow}) the first
 *                 {@code limit + 1} bytes, which must still be sent before the rest of the stream
 * @param overflow whether the body is longer than the limit
 */
record BufferedBody(byte[] bytes, boolean overflow) {
    /** Arrays cannot be larger; a limit beyond this is as good as none. */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    /**
     * Reads {@code in} to its end, or up to {@code limit + 1} bytes when {@code limit >= 0} (one more
     * than allowed tells "exactly the limit" from "over it").
     */
    static BufferedBody read(InputStream in, long limit) throws IOException {
        if (limit < 0 || limit >= MAX_ARRAY) {
            return new BufferedBody(in.readAllBytes(), false);
        }
        byte[] bytes = in.readNBytes((int) limit + 1);
        return new BufferedBody(bytes, bytes.length > limit);
    }
}
