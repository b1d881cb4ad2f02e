package org.retentionwarehouse.simulator.output;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.retentionwarehouse.simulator.dialect.RecordRenderer;
import org.retentionwarehouse.simulator.model.Entity;
import org.retentionwarehouse.simulator.truth.TruthFile;
import org.retentionwarehouse.simulator.world.Stores;
import org.retentionwarehouse.simulator.world.Timeline;

/**
 * Numbers every output file (store × night × entity file, then the truth files) and knows its path,
 * header and encoding, so rows can be routed by a small integer.
 * Extracts go to {@code inbox/<store>/<delivery date>/<file named for the business date>}.
 */
public final class OutputLayout {

    private final Path home;
    private final Stores stores;
    private final List<RecordRenderer> renderers;
    private final Timeline timeline;
    private final DeliverySchedule deliveries;
    private final int nights;
    private final int[] storeBase;
    private final List<List<Entity>> fileEntities;
    private final int[][] slots;
    private final int truthBase;

    /** Layout for the stores (one renderer per store) under {@code home}. */
    public OutputLayout(Path home, Stores stores, List<RecordRenderer> renderers, Timeline timeline,
            DeliverySchedule deliveries) {
        this.home = home;
        this.stores = stores;
        this.renderers = List.copyOf(renderers);
        this.timeline = timeline;
        this.deliveries = deliveries;
        this.nights = timeline.nights();
        this.storeBase = new int[stores.size() + 1];
        this.fileEntities = renderers.stream().map(RecordRenderer::fileEntities).toList();
        this.slots = new int[stores.size()][];
        for (int s = 0; s < stores.size(); s++) {
            List<Entity> entities = fileEntities.get(s);
            slots[s] = new int[Entity.values().length];
            Arrays.fill(slots[s], -1);
            for (int i = 0; i < entities.size(); i++) {
                slots[s][entities.get(i).ordinal()] = i;
            }
            storeBase[s + 1] = Math.addExact(storeBase[s], Math.multiplyExact(nights, entities.size()));
        }
        this.truthBase = storeBase[stores.size()];
    }

    /** Number of files. */
    public int size() {
        return truthBase + TruthFile.values().length;
    }

    /** The file of a store's night holding an entity. */
    public int extractFile(int store, int night, Entity fileEntity) {
        int slot = slots[store][fileEntity.ordinal()];
        if (slot < 0) {
            throw new IllegalArgumentException(fileEntity.key() + " has no file of its own in store " + store);
        }
        return storeBase[store] + night * fileEntities.get(store).size() + slot;
    }

    /** A truth file. */
    public int truthFile(TruthFile file) {
        return truthBase + file.ordinal();
    }

    /** True for extract files, false for truth files. */
    public boolean isExtract(int file) {
        return file < truthBase;
    }

    /** Store of an extract file. */
    public int store(int file) {
        int s = Arrays.binarySearch(storeBase, file);
        return s >= 0 ? s : -s - 2;
    }

    /** Delivery night of an extract file. */
    public int night(int file) {
        int s = store(file);
        return (file - storeBase[s]) / fileEntities.get(s).size();
    }

    /** Entity of an extract file. */
    public Entity entity(int file) {
        int s = store(file);
        return fileEntities.get(s).get((file - storeBase[s]) % fileEntities.get(s).size());
    }

    /** Business date of an extract file. */
    public LocalDate businessDate(int file) {
        return timeline.businessDate(night(file));
    }

    /** File name of an extract or truth file. */
    public String fileName(int file) {
        if (!isExtract(file)) {
            return TruthFile.values()[file - truthBase].fileName();
        }
        return renderers.get(store(file)).dialect().layout(entity(file)).fileName(businessDate(file));
    }

    /** Path of a file. */
    public Path path(int file) {
        if (!isExtract(file)) {
            return home.resolve("truth").resolve(fileName(file));
        }
        int s = store(file);
        LocalDate delivered = businessDate(file).plusDays(deliveries.delay(s, night(file)));
        return home.resolve("inbox").resolve(stores.get(s).id()).resolve(delivered.toString()).resolve(fileName(file));
    }

    /** Encoding of a file. */
    public Charset charset(int file) {
        return isExtract(file) ? renderers.get(store(file)).dialect().charset() : StandardCharsets.UTF_8;
    }

    /** Header line of a file (with line end), empty when the format has none. */
    public String header(int file) {
        if (!isExtract(file)) {
            return String.join(",", TruthFile.values()[file - truthBase].header()) + "\n";
        }
        String header = renderers.get(store(file)).header(entity(file));
        return header == null ? "" : header + "\n";
    }

    /** The renderer of a store. */
    public RecordRenderer renderer(int store) {
        return renderers.get(store);
    }

    /** The stores. */
    public Stores stores() {
        return stores;
    }
}
