package dev.pharos.scheduler.api;

import java.util.Locale;

/** The SVG drawn on the server: a status page's daily uptime bars and the uptime badge. */
final class Svg {

    private Svg() {
    }

    /** The class of a day's code in {@code Overview.Line#days()}, as the dashboard draws it. */
    static String dayClass(char code) {
        return switch (code) {
            case 'u' -> "up";
            case 'g' -> "degraded";
            case 'd' -> "down";
            default -> "none";
        };
    }

    /** Daily bars, oldest first, one path per class, with a text alternative. */
    static String bars(String days, String label) {
        int width = 450;
        int height = 30;
        double step = (double) width / days.length();
        var paths = new java.util.LinkedHashMap<String, StringBuilder>();
        var counts = new java.util.HashMap<String, Integer>();
        for (String c : new String[] {"up", "degraded", "down", "none"}) {
            paths.put(c, new StringBuilder());
            counts.put(c, 0);
        }
        for (int i = 0; i < days.length(); i++) {
            String c = dayClass(days.charAt(i));
            counts.merge(c, 1, Integer::sum);
            paths.get(c).append(String.format(Locale.ROOT, "M%.1f 0h%.1fv%dh-%.1fz", i * step, step * 0.7, height,
                    step * 0.7));
        }
        String text = String.format("%s: %d days up, %d degraded, %d down, %d without checks", label,
                counts.get("up"), counts.get("degraded"), counts.get("down"), counts.get("none"));
        var svg = new StringBuilder("<svg class=\"bars\" role=\"img\" aria-label=\"").append(escape(text))
                .append("\" width=\"100%\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" preserveAspectRatio=\"none\"><title>").append(escape(text)).append("</title>");
        paths.forEach((c, d) -> {
            if (!d.isEmpty()) {
                svg.append("<path class=\"").append(c).append("\" d=\"").append(d).append("\"/>");
            }
        });
        return svg.append("</svg>").toString();
    }

    /** A two-part badge, "uptime | 99.95%", coloured by the monitor's status. */
    static String badge(String label, String value, String status) {
        String colour = switch (status) {
            case "UP" -> "#1a7f37";
            case "DOWN" -> "#b42318";
            default -> "#57606a";
        };
        int left = 10 + label.length() * 7;
        int right = 10 + value.length() * 7;
        String text = label + ": " + value + " (" + status.toLowerCase(Locale.ROOT) + ")";
        return """
                <svg xmlns="http://www.w3.org/2000/svg" width="%d" height="20" role="img" aria-label="%s">\
                <title>%s</title>\
                <rect width="%d" height="20" fill="#1f2328"/><rect x="%d" width="%d" height="20" fill="%s"/>\
                <g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" text-anchor="middle">\
                <text x="%d" y="14">%s</text><text x="%d" y="14">%s</text></g></svg>"""
                .formatted(left + right, escape(text), escape(text), left, left, right, colour, left / 2,
                        escape(label), left + right / 2, escape(value));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
