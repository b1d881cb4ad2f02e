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
    private final Map<Character, String> syllables = new HashMap<>();

    /** The sound key of a {@link Names#canonical} name, e.g. 汪伟 and 王玮 both {@code WANG WEI}; null for null. */
    public String of(String canonicalName) {
        if (canonicalName == null) {
            return null;
        }
        return cache.computeIfAbsent(canonicalName, n -> allHan(n) ? bySyllable(n) : sound(n));
    }

    private String sound(String text) {
        return pinyin.transliterate(text).strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    }

    /**
     * A name of Chinese characters only, a syllable per character: the transliterator reads them one
     * at a time anyway, and a million customers' names took it seconds as whole strings.
     */
    private String bySyllable(String name) {
        StringBuilder out = new StringBuilder(name.length() * 5);
        for (int i = 0; i < name.length(); i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(syllables.computeIfAbsent(name.charAt(i), c -> sound(String.valueOf(c))));
        }
        return out.toString();
    }

    private static boolean allHan(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (Character.UnicodeScript.of(name.charAt(i)) != Character.UnicodeScript.HAN) {
                return false;
            }
        }
        return !name.isEmpty();
    }
}
