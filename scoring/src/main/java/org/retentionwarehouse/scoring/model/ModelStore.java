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
 * Model files under {@code models/<version>/}: the serialized model, its feature list, the recipe it
 * was trained by and its metrics. Written to a temporary folder and renamed, so a version folder is
 * always complete.
 */
public final class ModelStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RECIPE = "recipe.json";

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
            try (OutputStream out = Files.newOutputStream(staging.resolve("model.bin"));
                 ObjectOutputStream objects = new ObjectOutputStream(out)) {
                objects.writeObject(model);
            }
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

    public BoostedClassifier load(String version) {
        try (InputStream in = Files.newInputStream(folder(version).resolve("model.bin"));
             ObjectInputStream objects = new ObjectInputStream(in)) {
            return (BoostedClassifier) objects.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot load model " + version + " from " + folder(version), e);
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
