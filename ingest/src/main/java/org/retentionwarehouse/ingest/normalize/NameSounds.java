package org.retentionwarehouse.ingest.normalize;

import com.ibm.icu.text.Transliterator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How a canonical name sounds: Chinese characters as toneless pinyin syllables, Latin names as their
 * letters. Clerks type Chinese names through a pinyin input method, so the usual typo is a
 * same-sounding character (王/汪, 丽/莉): two names with one sound are one name mistyped far more
 * often than two people. Not thread-safe (one instance per thread): it remembers what it has read.
 */
public final class NameSounds {

    private final Transliterator pinyin = Transliterator.getInstance("Han-Latin; Latin-ASCII");
    /** Each Chinese character's syllable, by its UTF-16 code unit: an array, not a map, because every name reads it. */
    private final String[] syllables = new String[Character.MAX_VALUE + 1];
    /** The sounds of runs of other characters, such as the Latin letters in a company's name, which repeat. */
    private final Map<String, String> runs = new HashMap<>();

    /**
     * The sound key of a {@link Names#canonical} name, e.g. 汪伟 and 王玮 both {@code WANG WEI}; null for
     * null. Each Chinese character is read by itself and each run of other characters as a whole, the
     * parts separated by one space: 杭州ABC物流 is {@code HANG ZHOU ABC WU LIU}. (The transliterator read
     * whole names a character at a time anyway; a million customers' names took it seconds as strings.)
     */
    public String of(String canonicalName) {
        if (canonicalName == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(canonicalName.length() * 5);
        int i = 0;
        while (i < canonicalName.length()) {
            char c = canonicalName.charAt(i);
            String part;
            if (isHan(c)) {
                part = syllables[c] == null ? syllables[c] = sound(String.valueOf(c)) : syllables[c];
                i++;
            } else {
                int end = i + 1;
                while (end < canonicalName.length() && !isHan(canonicalName.charAt(end))) {
                    end++;
                }
                part = runs.computeIfAbsent(canonicalName.substring(i, end), this::sound);
                i = end;
            }
            if (!part.isEmpty()) {
                out.append(out.isEmpty() ? "" : " ").append(part);
            }
        }
        return out.toString();
    }

    private String sound(String text) {
        return pinyin.transliterate(text).strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    }

    private static boolean isHan(char c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }
}
