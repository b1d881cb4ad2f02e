package org.retentionwarehouse.scoring.clv;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the CDNOW logs in {@code shared/data/cdnow}, which sits beside the checkout (locally
 * /work/shared next to /work/main, in CI a {@code shared/} beside the fresh clone): walks up from
 * the working directory, whatever module directory surefire runs in.
 */
final class CdnowFiles {

    private CdnowFiles() {
    }

    /** 2,357 customers; columns: customer id, sample id, date, CDs, dollars; no header. */
    static Path sample() {
        return find("CDNOW_sample.txt");
    }

    /** 23,570 customers; columns: customer id, date, CDs, dollars; a header row. */
    static Path master() {
        return find("CDNOW_master.txt");
    }

    private static Path find(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data").resolve("cdnow").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/data/cdnow/" + name + " not found above " + Path.of("").toAbsolutePath());
    }
}
