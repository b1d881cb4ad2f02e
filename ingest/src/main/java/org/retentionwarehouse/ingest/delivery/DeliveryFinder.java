package org.retentionwarehouse.ingest.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.retentionwarehouse.ingest.parse.SourceFile;
import org.retentionwarehouse.warehouse.config.ConfigurationException;
import org.retentionwarehouse.warehouse.config.DataHome;
import org.retentionwarehouse.warehouse.config.Dialect;
import org.retentionwarehouse.warehouse.config.EntityLayout;
import org.retentionwarehouse.warehouse.config.Store;
import org.retentionwarehouse.warehouse.config.StoreRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds each store's delivery folder for a night and matches its files to the store's dialect. */
public final class DeliveryFinder {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryFinder.class);

    private final DataHome home;
    private final StoreRegistry registry;
    private final String marker;

    /** @param marker the file that says a store's folder is complete ({@code ingest.delivery_marker}); empty for none */
    public DeliveryFinder(DataHome home, StoreRegistry registry, String marker) {
        this.home = home;
        this.registry = registry;
        this.marker = marker;
    }

    /**
     * Whether the store's folder for the date is there, holds a file, and with a marker configured is
     * complete: a folder a store is still uploading into would otherwise be read half full, its last
     * file perhaps cut short; an empty one (an export that failed after making it) delivered nothing.
     */
    public boolean delivered(String storeId, LocalDate date) {
        requireInbox();
        Path folder = home.delivery(storeId, date);
        return gap(folder, extracts(storeId, folder)) == null;
    }

    /**
     * A missing store folder is a delivery still to come; a missing inbox is a share not mounted or
     * a mistyped data home. Taken for a night with no deliveries, it would publish empty lists and
     * mark the date done, so it stops the night as bad configuration instead.
     */
    private void requireInbox() {
        if (!Files.isDirectory(home.inbox())) {
            throw new ConfigurationException(home.inbox() + ": the inbox folder is not there (a share not mounted,"
                    + " or the wrong data home?); no store's delivery can be read");
        }
    }

    /** Why the folder is no delivery tonight, null when it is one. */
    private String gap(Path folder, List<Path> extracts) {
        if (!Files.isDirectory(folder)) {
            return "is not there";
        }
        if (!marker.isEmpty() && !Files.exists(folder.resolve(marker))) {
            return "has no " + marker + " yet (an upload still in progress?)";
        }
        return extracts.isEmpty() ? "holds no file" : null;
    }

    public Delivery find(LocalDate date) {
        requireInbox();
        List<SourceFile> files = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (Store store : registry.stores()) {
            Path folder = home.delivery(store.id(), date);
            List<Path> extracts = extracts(store.id(), folder);
            String gap = gap(folder, extracts);
            if (gap != null) {
                if (Files.isDirectory(folder)) {
                    LOG.warn("{}: {} {}, so it counts as no delivery tonight", store.id(), folder, gap);
                }
                missing.add(store.id());
                continue;
            }
            Dialect dialect = registry.dialectOf(store);
            for (Path file : extracts) {
                String name = file.getFileName().toString();
                boolean matched = false;
                for (Map.Entry<String, EntityLayout> entity : dialect.entities().entrySet()) {
                    Optional<LocalDate> businessDate = entity.getValue().businessDate(name);
                    if (businessDate.isPresent()) {
                        matched = true;
                        files.add(new SourceFile(store.id(), store.dialect(), entity.getKey(), file.toUri().toString(),
                                store.id() + "/" + date + "/" + name, businessDate.get()));
                    }
                }
                if (!matched) {
                    unknown.add(store.id() + "/" + date + "/" + name);
                }
            }
        }
        return new Delivery(files, missing, unknown);
    }

    /**
     * The folder's files but the marker; none when there is no folder. A folder the night may not
     * read (a store's upload account made it for itself only) is bad input, naming the store: waiting
     * or retrying would fail the same way until someone fixes it.
     */
    private List<Path> extracts(String storeId, Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals(marker)).sorted().toList();
        } catch (AccessDeniedException e) {
            throw new ConfigurationException("store '" + storeId + "', folder " + folder + ": cannot list it: permission denied");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }
}
