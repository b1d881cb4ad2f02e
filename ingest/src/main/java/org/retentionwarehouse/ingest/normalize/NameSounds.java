package org.retentionwarehouse.ingest.normalize;

import com.ibm.icu.text.Transliterator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How a canonical name sounds: Chinese characters as toneless pinyin syllables, Latin names as their
 * letters. Clerks type Chinese names through a pinyin input method, so the usual typo is a
 * same-sounding character (王/汪, 丽/莉): two names with one sound are one name mistyped far more
 * often than two people. Not thread-safe (one instance per thread): it caches names, which repeat.
 */
public final class NameSounds {

    private final Transliterator pinyin = Transliterator.getInstance("Han-Latin; Latin-ASCII");
    private final Map<String, String> cache = new HashMap<>();

    /** The sound key of a {@link Names#canonical} name, e.g. 汪伟 and 王玮 both {@code WANG WEI}; null for null. */
    public String of(String canonicalName) {
        if (canonicalName == null) {
            return null;
        }
        return cache.computeIfAbsent(canonicalName,
                n -> pinyin.transliterate(n).strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT));
    }
}
