package org.retentionwarehouse.reports.report;

import java.util.List;
import java.util.Locale;

/**
 * Small inline SVG charts drawn in Java, so the report needs no script and no network. Each chart
 * is a fixed-size {@code <svg>} with axes, labelled ticks and a title for screen readers.
 */
final class SvgCharts {

    /** The colour of the first series; also what a browser test looks for on a screenshot. */
    static final String PRIMARY = "#1f77b4";
    static final String SECONDARY = "#ff7f0e";

    private static final int WIDTH = 520;
    private static final int HEIGHT = 260;
    private static final int LEFT = 48;
    private static final int RIGHT = 12;
    private static final int TOP = 24;
    private static final int BOTTOM = 36;

    /** A named series of values, one per category. Null values are not drawn. */
    record Series(String name, String colour, List<Double> values) { }

    private SvgCharts() {
    }

    /** Grouped vertical bars, one group per category, with an optional dashed reference line. */
    static String bars(String title, List<String> categories, List<Series> series, Double referenceLine) {
        double top = niceMax(series.stream().flatMap(s -> s.values().stream())
                .filter(v -> v != null).mapToDouble(Double::doubleValue).max().orElse(1.0), referenceLine);
        StringBuilder svg = open(title);
        axes(svg, top);
        double plotW = WIDTH - LEFT - RIGHT;
        double groupW = plotW / Math.max(1, categories.size());
        double barW = groupW * 0.8 / Math.max(1, series.size());
        for (int c = 0; c < categories.size(); c++) {
            double gx = LEFT + c * groupW + groupW * 0.1;
            for (int s = 0; s < series.size(); s++) {
                Double v = series.get(s).values().get(c);
                if (v == null) {
                    continue;
                }
                double h = y(0, top) - y(v, top);
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                                + "<title>%s %s: %s</title></rect>",
                        gx + s * barW, y(v, top), barW, h, series.get(s).colour(), Html.escape(series.get(s).name()),
                        Html.escape(categories.get(c)), number(v)));
            }
            if (categories.size() <= 12 || c % Math.ceil(categories.size() / 10.0) == 0) {
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>",
                        LEFT + c * groupW + groupW / 2, HEIGHT - BOTTOM + 14, Html.escape(categories.get(c))));
            }
        }
        if (referenceLine != null) {
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#555\" stroke-dasharray=\"4 3\"/>",
                    LEFT, WIDTH - RIGHT, y(referenceLine, top), y(referenceLine, top)));
        }
        legend(svg, series);
        return close(svg);
    }

    /** Points (x, y) per series on a [0, max] square with the diagonal y = x: a calibration plot. */
    static String calibration(String title, List<Series> xs, List<Series> ys) {
        double top = 0;
        for (int s = 0; s < xs.size(); s++) {
            for (int i = 0; i < xs.get(s).values().size(); i++) {
                Double x = xs.get(s).values().get(i);
                Double yv = ys.get(s).values().get(i);
                top = Math.max(top, Math.max(x == null ? 0 : x, yv == null ? 0 : yv));
            }
        }
        top = niceMax(top, null);
        StringBuilder svg = open(title);
        axes(svg, top);
        double plotW = WIDTH - LEFT - RIGHT;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>",
                LEFT, y(0, top), WIDTH - RIGHT, y(top, top)));
        for (int t = 0; t <= 4; t++) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>",
                    LEFT + plotW * t / 4, HEIGHT - BOTTOM + 14, number(top * t / 4)));
        }
        for (int s = 0; s < xs.size(); s++) {
            Series series = ys.get(s);
            for (int i = 0; i < series.values().size(); i++) {
                Double x = xs.get(s).values().get(i);
                Double yv = series.values().get(i);
                if (x == null || yv == null) {
                    continue;
                }
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\"><title>%s: %s / %s</title></circle>",
                        LEFT + plotW * x / top, y(yv, top), series.colour(), Html.escape(series.name()), number(x), number(yv)));
            }
        }
        legend(svg, ys);
        return close(svg);
    }

    /** A captioned figure holding the chart's {@code <svg>}; {@link #close} ends both. */
    private static StringBuilder open(String title) {
        return new StringBuilder(String.format(Locale.ROOT,
                "<figure><figcaption>%s</figcaption>"
                        + "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">"
                        + "<title>%s</title><rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>",
                Html.escape(title), WIDTH, HEIGHT, WIDTH, HEIGHT, Html.escape(title)));
    }

    private static String close(StringBuilder svg) {
        return svg.append("</svg></figure>").toString();
    }

    private static void axes(StringBuilder svg, double top) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>",
                LEFT, TOP, LEFT, HEIGHT - BOTTOM));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>",
                LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM));
        for (int t = 0; t <= 4; t++) {
            double v = top * t / 4;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%s</text>"
                            + "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>",
                    LEFT - 4, y(v, top) + 3, number(v), LEFT + 1, WIDTH - RIGHT, y(v, top), y(v, top)));
        }
    }

    private static void legend(StringBuilder svg, List<Series> series) {
        for (int s = 0; s < series.size(); s++) {
            int x = LEFT + 8 + s * 150;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"6\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                            + "<text x=\"%d\" y=\"15\" font-size=\"11\">%s</text>",
                    x, series.get(s).colour(), x + 14, Html.escape(series.get(s).name())));
        }
    }

    private static double y(double v, double top) {
        return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * v / top;
    }

    /** A round axis maximum at or above every value (and the reference line). */
    private static double niceMax(double max, Double reference) {
        double m = Math.max(max, reference == null ? 0 : reference);
        if (m <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(m)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= m) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        return String.format(Locale.ROOT, Math.abs(v) < 10 ? "%.2f" : "%,.1f", v);
    }
}
