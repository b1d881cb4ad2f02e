package org.retentionwarehouse.simulator.output;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.retentionwarehouse.simulator.dialect.RecordRenderer;
import org.retentionwarehouse.simulator.extract.SourceIds;
import org.retentionwarehouse.simulator.extract.VendorStyle;
import org.retentionwarehouse.simulator.identity.Vin;
import org.retentionwarehouse.simulator.model.CanonicalCode;
import org.retentionwarehouse.simulator.model.CanonicalRecord;
import org.retentionwarehouse.simulator.model.Entity;
import org.retentionwarehouse.simulator.model.Money;
import org.retentionwarehouse.simulator.model.RawText;
import org.retentionwarehouse.simulator.model.SourceSystem;
import org.retentionwarehouse.simulator.random.Draws;
import org.retentionwarehouse.simulator.random.Seeds;
import org.retentionwarehouse.simulator.truth.MalformedKind;

/**
 * Decides, row by row in file order, whether to add a corrupted copy of the row, and makes it: the
 * copy gets a fresh source id (so no real record is lost or shadowed) and one defect. Each dialect
 * gets every kind of defect at least once: while a kind is missing, the first row it applies to is
 * corrupted with it. Runs on the writer thread only, so its random stream is deterministic.
 */
final class MalformedInjector {

    /** Where a broken byte sequence goes; never part of real data and never encoded. */
    private static final char MARKER = '\uFFFF';
    private static final List<String> BAD_DATES = List.of("2024-13-45", "N/A", "31/02/2024", "2024/13/45",
            "00/00/0000");
    private static final List<String> UNKNOWN_CODES = List.of("99", "ZZ", "UNKNOWN", "未知", "其它");
    private static final Set<String> TEXT_COLUMNS = Set.of("name", "company_name", "description", "brand", "model",
            "city", "technician", "interested_model", "plate");
    /** The dates of the event a record stands for; they can never lie after the night the file covers. */
    private static final Set<String> EVENT_DATE_COLUMNS = Set.of("created_date", "order_date", "open_date",
            "interaction_date", "visit_date");
    private static final byte[][] BROKEN_CANDIDATES = {{(byte) 0xFF}, {(byte) 0x81}, {(byte) 0xE4, (byte) 0xB8},
        {(byte) 0x80}};

    /** A corrupted copy ready to append. */
    record Injection(byte[] bytes, MalformedKind kind, Entity entity) {
    }

    /** A value inside a file row: the row itself ({@code item} -1) or one of its items. */
    private record Position(int item, int column) {
    }

    private final double rate;
    private final SplittableRandom rng;
    private final SourceIds ids;
    private final int persons;
    private final Map<String, EnumSet<MalformedKind>> seen = new HashMap<>();
    private final Map<Charset, List<byte[]>> brokenBytes = new HashMap<>();
    private int freshCustomers;
    private int freshVins;
    private int freshDocuments;

    MalformedInjector(long seed, double rate, SourceIds ids, int persons) {
        this.rate = rate;
        this.rng = Seeds.stream(seed, Seeds.Purpose.MALFORMED);
        this.ids = ids;
        this.persons = persons;
    }

    /** A corrupted copy of {@code row} to append after it, or {@code null}. */
    Injection maybeInject(int store, RecordRenderer renderer, CanonicalRecord row) {
        if (rate <= 0) {
            return null;
        }
        boolean drawn = rng.nextDouble() < rate;
        EnumSet<MalformedKind> done = seen.computeIfAbsent(renderer.dialect().name(),
                d -> EnumSet.noneOf(MalformedKind.class));
        if (!drawn && done.size() == MalformedKind.values().length) {
            return null;
        }
        EnumSet<MalformedKind> applicable = applicable(row);
        EnumSet<MalformedKind> missing = EnumSet.copyOf(applicable);
        missing.removeAll(done);
        if (!drawn && missing.isEmpty()) {
            return null;
        }
        MalformedKind kind = missing.isEmpty() ? Draws.pick(rng, new ArrayList<>(applicable)) : missing.iterator().next();
        done.add(kind);
        return corrupt(store, renderer, row, kind);
    }

    private static EnumSet<MalformedKind> applicable(CanonicalRecord row) {
        EnumSet<MalformedKind> kinds = EnumSet.of(MalformedKind.WRONG_FIELD_COUNT, MalformedKind.BROKEN_ENCODING);
        if (!positions(row, false, LocalDate.class, LocalDateTime.class).isEmpty()) {
            kinds.add(MalformedKind.BAD_DATE);
        }
        if (!eventDates(row).isEmpty()) {
            kinds.add(MalformedKind.FUTURE_DATE);
        }
        if (row.entity().columnIndex("vin") >= 0 && row.get("vin") != null) {
            kinds.add(MalformedKind.BAD_VIN);
        }
        if (!positions(row, true, Money.class).isEmpty()) {
            kinds.add(MalformedKind.NEGATIVE_AMOUNT);
        }
        if (!positions(row, true, CanonicalCode.class).isEmpty()) {
            kinds.add(MalformedKind.UNKNOWN_CODE);
        }
        return kinds;
    }

    private Injection corrupt(int store, RecordRenderer renderer, CanonicalRecord original, MalformedKind kind) {
        CanonicalRecord row = withFreshKey(store, original);
        Entity entity = row.entity();
        switch (kind) {
            case BAD_DATE -> row = set(row, pick(positions(row, false, LocalDate.class, LocalDateTime.class)),
                    new RawText(Draws.pick(rng, BAD_DATES)));
            case FUTURE_DATE -> {
                Position at = pick(eventDates(row));
                Object date = value(row, at);
                row = set(row, at, date instanceof LocalDate d ? d.plusYears(10) : ((LocalDateTime) date).plusYears(10));
            }
            case BAD_VIN -> row = row.with("vin", new RawText(badVin((String) row.get("vin"))));
            case NEGATIVE_AMOUNT -> {
                Position at = pick(positions(row, true, Money.class));
                Money amount = (Money) value(row, at);
                row = set(row, at, new Money(-Math.max(100, Math.abs(amount.cents()))));
                entity = record(row, at).entity();
            }
            case UNKNOWN_CODE -> {
                Position at = pick(positions(row, true, CanonicalCode.class));
                Entity owner = record(row, at).entity();
                String column = owner.columns().get(at.column());
                row = set(row, at, new RawText(unknownCode(
                        renderer.dialect().layout(owner).column(column).sourceCodes())));
                entity = owner;
            }
            case BROKEN_ENCODING -> {
                List<Position> strings = positions(row, true, String.class);
                List<Position> text = strings.stream()
                        .filter(p -> TEXT_COLUMNS.contains(record(original, p).entity().columns().get(p.column())))
                        .toList();
                Position at = pick(text.isEmpty() ? strings : text);
                row = set(row, at, value(row, at) + String.valueOf(MARKER));
                entity = record(row, at).entity();
            }
            case WRONG_FIELD_COUNT -> {
                // The defect is in the rendering.
            }
        }
        String line = kind == MalformedKind.WRONG_FIELD_COUNT ? renderer.lineWithWrongFieldCount(row, rng)
                : renderer.line(row);
        return new Injection(encode(line, renderer.dialect().charset()), kind, entity);
    }

    /** The copy keeps everything but its key, which becomes a fresh id of a virtual person. */
    private CanonicalRecord withFreshKey(int store, CanonicalRecord row) {
        return switch (row.entity()) {
            case CUSTOMER -> row.with("source_id",
                    ids.customer(store, (SourceSystem) row.get("source_system"), virtualPerson(freshCustomers++)));
            case VEHICLE -> row.with("vin", ids.freshVin((String) row.get("vin"), virtualPerson(freshVins++)));
            case SALE -> row.with("order_id", freshDocument(store, VendorStyle.Document.SALE));
            case SERVICE_ORDER -> {
                String orderId = freshDocument(store, VendorStyle.Document.REPAIR_ORDER);
                List<CanonicalRecord> items = row.items().stream().map(i -> i.with("order_id", orderId)).toList();
                yield row.with("order_id", orderId).withItems(items);
            }
            case SERVICE_LINE -> row.with("order_id", freshDocument(store, VendorStyle.Document.REPAIR_ORDER));
            case INTERACTION -> row.with("interaction_id", freshDocument(store, VendorStyle.Document.INTERACTION));
            case LEAD -> row.with("lead_id", freshDocument(store, VendorStyle.Document.LEAD));
        };
    }

    private String freshDocument(int store, VendorStyle.Document document) {
        int n = freshDocuments++;
        return ids.document(store, document, virtualPerson(n >>> 12), n & 0xFFF);
    }

    private int virtualPerson(int n) {
        long person = (long) persons + n;
        if (person >= 1L << SourceIds.PERSON_BITS) {
            throw new IllegalStateException("too many malformed rows for fresh source ids");
        }
        return (int) person;
    }

    /** A VIN that fails validation: too short, too long, with I/O/Q, or with a wrong check digit. */
    private String badVin(String vin) {
        return switch (rng.nextInt(4)) {
            case 0 -> vin.substring(0, 16);
            case 1 -> vin + Vin.ALPHABET.charAt(rng.nextInt(Vin.ALPHABET.length()));
            case 2 -> {
                int at = rng.nextInt(16);
                at = at >= 8 ? at + 1 : at;
                yield vin.substring(0, at) + "IOQ".charAt(rng.nextInt(3)) + vin.substring(at + 1);
            }
            default -> {
                String checks = "0123456789X".replace(String.valueOf(vin.charAt(8)), "");
                yield vin.substring(0, 8) + checks.charAt(rng.nextInt(checks.length())) + vin.substring(9);
            }
        };
    }

    private String unknownCode(Set<String> known) {
        int start = rng.nextInt(UNKNOWN_CODES.size());
        for (int i = 0; i < UNKNOWN_CODES.size(); i++) {
            String code = UNKNOWN_CODES.get((start + i) % UNKNOWN_CODES.size());
            if (!known.contains(code)) {
                return code;
            }
        }
        throw new IllegalStateException("every candidate unknown code is known: " + known);
    }

    /** Encodes the line; a marker becomes a byte sequence the charset cannot decode. */
    private byte[] encode(String line, Charset charset) {
        int marker = line.indexOf(MARKER);
        if (marker < 0) {
            return (line + "\n").getBytes(charset);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(line.length() * 3);
        out.writeBytes(line.substring(0, marker).getBytes(charset));
        out.writeBytes(Draws.pick(rng, brokenBytes.computeIfAbsent(charset, MalformedInjector::brokenFor)));
        out.writeBytes((line.substring(marker + 1) + "\n").getBytes(charset));
        return out.toByteArray();
    }

    /**
     * Byte sequences the charset cannot decode whatever follows them in a line (a delimiter, a quote or
     * the line end), found by trying candidates: a lone 0xFF, a lead byte without its trail...
     */
    private static List<byte[]> brokenFor(Charset charset) {
        List<byte[]> broken = new ArrayList<>();
        for (byte[] candidate : BROKEN_CANDIDATES) {
            boolean fails = true;
            for (byte next : new byte[] {',', '"', '\n'}) {
                byte[] probe = new byte[candidate.length + 1];
                System.arraycopy(candidate, 0, probe, 0, candidate.length);
                probe[candidate.length] = next;
                fails &= !decodes(probe, charset);
            }
            if (fails) {
                broken.add(candidate);
            }
        }
        if (broken.isEmpty()) {
            throw new IllegalStateException("no invalid byte sequence known for " + charset);
        }
        return broken;
    }

    private static boolean decodes(byte[] bytes, Charset charset) {
        try {
            charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static List<Position> eventDates(CanonicalRecord row) {
        return positions(row, false, LocalDate.class, LocalDateTime.class).stream()
                .filter(p -> EVENT_DATE_COLUMNS.contains(row.entity().columns().get(p.column()))).toList();
    }

    private Position pick(List<Position> positions) {
        return positions.get(rng.nextInt(positions.size()));
    }

    /** Positions holding a value of one of the types, in the row and (when asked) in its items. */
    private static List<Position> positions(CanonicalRecord row, boolean withItems, Class<?>... types) {
        List<Position> found = new ArrayList<>();
        collect(row, -1, types, found);
        if (withItems) {
            for (int i = 0; i < row.items().size(); i++) {
                collect(row.items().get(i), i, types, found);
            }
        }
        return found;
    }

    private static void collect(CanonicalRecord record, int item, Class<?>[] types, List<Position> found) {
        Object[] values = record.values();
        for (int c = 0; c < values.length; c++) {
            for (Class<?> type : types) {
                if (type.isInstance(values[c])) {
                    found.add(new Position(item, c));
                    break;
                }
            }
        }
    }

    private static CanonicalRecord record(CanonicalRecord row, Position at) {
        return at.item() < 0 ? row : row.items().get(at.item());
    }

    private static Object value(CanonicalRecord row, Position at) {
        return record(row, at).values()[at.column()];
    }

    private static CanonicalRecord set(CanonicalRecord row, Position at, Object value) {
        if (at.item() < 0) {
            return row.with(at.column(), value);
        }
        List<CanonicalRecord> items = new ArrayList<>(row.items());
        items.set(at.item(), items.get(at.item()).with(at.column(), value));
        return row.withItems(items);
    }
}
