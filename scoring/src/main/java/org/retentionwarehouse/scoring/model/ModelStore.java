package org.retentionwarehouse.scoring.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;

/**
 * Model files under {@code models/<version>/}: the serialized model, its twin trained without the
 * held-out customers (see {@link ModelTrainer.Trained}), its feature list, the recipe it was trained
 * by and its metrics. Written to a temporary folder and renamed, so a version folder is
 * always complete.
 */
public final class ModelStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RECIPE = "recipe.json";
    private static final String MODEL = "model.bin";
    private static final String WITHOUT_HOLDOUT = "model-without-holdout.bin";

    private final Path root;

    public ModelStore(Path root) {
        this.root = root;
    }

    public Path folder(String version) {
        return root.resolve(version);
    }

    public void save(ModelTrainer.Trained trained, Recipe recipe) {
        BoostedClassifier model = trained.model();
        Path target = folder(model.version());
        Path staging = root.resolve("." + model.version() + ".tmp");
        try {
            Files.createDirectories(staging);
            write(staging.resolve(MODEL), model);
            write(staging.resolve(WITHOUT_HOLDOUT), trained.withoutHoldout());
            Files.write(staging.resolve("features.txt"), model.features());
            JSON.writerWithDefaultPrettyPrinter().writeValue(staging.resolve(RECIPE).toFile(), recipe);
            Files.writeString(staging.resolve("metrics.json"), String.format(Locale.ROOT,
                    "{\"version\": \"%s\", \"training_rows\": %d,%n \"holdout\": %s,%n \"baseline\": %s}%n",
                    model.version(), trained.trainingRows(), trained.holdoutScores().toJson(),
                    trained.baselineScores().toJson()));
            if (Files.exists(target)) {
                deleteTree(target);
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save model " + model.version() + " under " + root, e);
        }
    }

    /** The model {@code version} scores with. */
    public BoostedClassifier load(String version) {
        return read(version, MODEL);
    }

    /**
     * The twin of {@code version} that never saw the held-out customers, to be compared on them. A
     * model saved before twins were kept was itself trained without them, so it is its own twin.
     */
    public BoostedClassifier loadWithoutHoldout(String version) {
        return read(version, Files.exists(folder(version).resolve(WITHOUT_HOLDOUT)) ? WITHOUT_HOLDOUT : MODEL);
    }

    private BoostedClassifier read(String version, String file) {
        try (InputStream in = Files.newInputStream(folder(version).resolve(file));
             ObjectInputStream objects = new ObjectInputStream(in)) {
            return (BoostedClassifier) objects.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot load model " + version + " from " + folder(version).resolve(file), e);
        }
    }

    private static void write(Path file, BoostedClassifier model) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
             ObjectOutputStream objects = new ObjectOutputStream(out)) {
            objects.writeObject(model);
        }
    }

    /** The recipe {@code version} was trained by; empty for a model saved before recipes were kept. */
    public Optional<Recipe> recipe(String version) {
        Path file = folder(version).resolve(RECIPE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), Recipe.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the recipe of model " + version + " from " + file, e);
        }
    }

    private static void deleteTree(Path path) throws IOException {
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
