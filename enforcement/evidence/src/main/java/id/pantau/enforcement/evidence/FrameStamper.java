package id.pantau.enforcement.evidence;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Burns a text banner onto an evidence photo. The banner is added ABOVE the picture (the canvas grows), so no
 * pixel of the scene is covered: a reviewer or court sees the full camera frame plus the stamp.
 */
final class FrameStamper {
    static final Color BANNER = new Color(16, 16, 16);
    private static final Color TEXT = new Color(255, 255, 255);
    private static final Color ACCENT = new Color(255, 64, 64);

    private FrameStamper() {
    }

    /** The banner height for a picture of this width and this many lines. */
    static int bannerHeight(int width, int lines) {
        return lines * lineHeight(width) + 2 * padding(width);
    }

    /** The colour of the box drawn around the offending vehicle: pure yellow, rare in street scenes. */
    static final Color VEHICLE_BOX = new Color(255, 255, 0);
    /** Thickness of that box in pixels; it is drawn just outside the vehicle's box, never over the vehicle. */
    static final int BOX_LINE = 3;

    static BufferedImage stamp(BufferedImage picture, List<String> lines) {
        return stamp(picture, lines, null);
    }

    /**
     * The picture under a banner, with the offending vehicle boxed ({@code vehicle} in the picture's pixels, null =
     * no box): a {@value #BOX_LINE}-pixel {@link #VEHICLE_BOX} frame just outside the box.
     */
    static BufferedImage stamp(BufferedImage picture, List<String> lines, id.pantau.core.perception.BoundingBox vehicle) {
        int w = picture.getWidth();
        int banner = bannerHeight(w, lines.size());
        BufferedImage out = new BufferedImage(w, picture.getHeight() + banner, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(BANNER);
            g.fillRect(0, 0, w, banner);
            g.drawImage(picture, 0, banner, null);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(fittingFont(g, lines, w));
            FontMetrics fm = g.getFontMetrics();
            int pad = padding(w);
            int y = pad + fm.getAscent();
            for (int i = 0; i < lines.size(); i++) {
                // The signal line is the one that makes the violation: red text draws the eye to it.
                g.setColor(i == lines.size() - 1 ? ACCENT : TEXT);
                g.drawString(lines.get(i), pad, y);
                y += lineHeight(w);
            }
            if (vehicle != null) {
                g.setColor(VEHICLE_BOX);
                int x1 = (int) Math.floor(vehicle.x1());
                int y1 = (int) Math.floor(vehicle.y1()) + banner;
                int x2 = (int) Math.ceil(vehicle.x2());
                int y2 = (int) Math.ceil(vehicle.y2()) + banner;
                for (int i = 1; i <= BOX_LINE; i++) {
                    g.drawRect(x1 - i, Math.max(banner, y1 - i), x2 - x1 + 2 * i, y2 + i - Math.max(banner, y1 - i));
                }
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    private static int lineHeight(int width) {
        return Math.max(14, width / 40);
    }

    private static int padding(int width) {
        return Math.max(4, width / 160);
    }

    /** The largest bold monospaced font (up to the line height) with which every line fits the width. */
    private static Font fittingFont(Graphics2D g, List<String> lines, int width) {
        int size = (int) (lineHeight(width) * 0.8);
        Font font;
        do {
            font = new Font(Font.MONOSPACED, Font.BOLD, size);
            FontMetrics fm = g.getFontMetrics(font);
            int widest = lines.stream().mapToInt(fm::stringWidth).max().orElse(0);
            if (widest <= width - 2 * padding(width)) {
                return font;
            }
            size--;
        } while (size > 7);
        return font;
    }
}
